"""Committees and meetings."""
