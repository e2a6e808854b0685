"""Dialogue and intake: residents' feedback, news tips, review dates and plain Swedish."""
