"""Benchmark indicators' year types, and when each comparator model version came into force."""

from django.db import migrations, models

from measures.rules.benchmark_periods import YEAR_TYPE_LABELS, version_start


def date_versions(apps, schema_editor) -> None:
    """Statistical neighbour models already loaded: their start read from "May 2025"."""
    ComparatorGroup = apps.get_model("measures", "ComparatorGroup")
    groups = ComparatorGroup.objects.filter(kind="statistical_neighbours").exclude(version="")
    for version in groups.values_list("version", flat=True).distinct():
        groups.filter(version=version).update(in_force_from=version_start(version))


class Migration(migrations.Migration):
    dependencies = [("measures", "0007_one_polarity")]

    operations = [
        migrations.AddField(
            model_name="benchmarkindicator",
            name="year_type",
            field=models.CharField(
                blank=True,
                choices=[(kind.value, label) for kind, label in YEAR_TYPE_LABELS.items() if kind.value],
                help_text="What a period's label counts (LAIT's Year_Type, a release's "
                "time_identifier), so each figure is compared with the periods ending by its "
                "own end.",
                max_length=20,
                verbose_name="year type",
            ),
        ),
        migrations.AddField(
            model_name="comparatorgroup",
            name="in_force_from",
            field=models.DateField(
                blank=True,
                help_text="When this version came into use (read from a version like “May "
                "2025”). A figure is compared with the version in force for its period.",
                null=True,
                verbose_name="in force from",
            ),
        ),
        migrations.RunPython(date_versions, migrations.RunPython.noop),
    ]
