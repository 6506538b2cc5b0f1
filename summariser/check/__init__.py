"""Checks that keep the briefing grounded in its story.

`grounding` finds names, numbers and quotes in a story's text; `claims` checks that a
sentence says what one passage says; `context` binds both to one story; `items` and `prose`
check and merge the model's items and prose; `headline` cuts a headline from a lead. Each
module is imported by its full path: the package itself loads nothing, so importing one
check does not pull in spaCy through another.
"""
