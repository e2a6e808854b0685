"""Dialogue and intake: residents' feedback and staff news tips."""
