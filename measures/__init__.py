"""Council Business Plan measures, targets, figures, ratings and benchmarks."""
