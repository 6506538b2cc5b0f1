"""The public eval set built from GUM (see SOURCES.md): its builder and its GUM reader."""
