"""The read-only open data API at /api/v1/: what the public may read, as JSON or CSV."""
