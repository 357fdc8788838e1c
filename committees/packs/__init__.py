"""The agenda pack: its contents, its PDF and HTML versions, and the builds on record."""
