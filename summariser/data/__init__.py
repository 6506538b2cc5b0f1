"""Package data: prompts and exported schemas are mapped here at install time."""
