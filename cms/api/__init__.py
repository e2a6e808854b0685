"""The delivery API: public and intranet, audience-safe, typed, cached (DESIGN.md §3, §4)."""
