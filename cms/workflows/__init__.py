"""The audience-aware editorial workflow: approval tasks, routing, release plans, scheduling."""
