"""Benchmarking: authorities, comparator groups, national values and how we compare."""
