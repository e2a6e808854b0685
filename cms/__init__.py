"""Enkanal: one editorial channel for the municipality's communication."""
