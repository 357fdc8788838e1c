"""Template filters of the committees app."""
