"""Template tags of the measures pages."""
