"""Reading files and writing them in: returns, measures and the national data (LAIT, releases)."""
