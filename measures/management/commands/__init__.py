"""Commands for loading measures and figures from files."""
