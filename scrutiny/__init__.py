"""Children's services performance scrutiny for English councils."""
