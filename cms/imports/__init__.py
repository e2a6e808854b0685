"""Moving in: the import engine, the JSONL record format and ``manage.py import_items``.

This app sits above every other (DESIGN.md §5): it may import anything, nothing
imports it.
"""
