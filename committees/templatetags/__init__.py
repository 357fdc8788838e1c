"""Template filters of the committees pages."""
