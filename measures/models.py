"""Measures, targets and quarterly figures."""
