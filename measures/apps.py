"""Measures app configuration."""

from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    """Measures, targets, actuals and benchmarks."""

    name = "measures"
    verbose_name = "Measures"
