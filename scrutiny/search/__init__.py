"""Search across measures, committees and their papers, as each user may read them."""
