"""The channels made of items: INblick editions and the local-press page, on paper.

Each is one more way out for the same items (DESIGN.md §3): nothing is written twice,
everything is chosen through the one audience filter, and nothing staff-only reaches a
resident channel.
"""
