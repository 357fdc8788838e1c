"""The measures app's management commands."""
