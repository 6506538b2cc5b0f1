"""Checks that keep the briefing grounded in its story.

`grounding` finds names, numbers and quotes in a story's text; `claims` checks that a
sentence says what one passage says; `context` binds both to one story; `items` and `prose`
check and merge the model's items and prose; `headline` cuts a headline from a lead. Each
module is imported by its full path; this file imports nothing, so loading one check loads
only what that check needs.
"""
