"""Routers of the delivery API; each is built once per surface (public, intranet)."""
