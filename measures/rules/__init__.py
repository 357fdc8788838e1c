"""The pure rules of measures (periods, units, rating, targets, positions, checks): no Django."""
