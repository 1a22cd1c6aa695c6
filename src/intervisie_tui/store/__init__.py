"""Persistence: the only layer that knows tinydb and cryptography."""
