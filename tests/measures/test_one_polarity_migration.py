"""The one_polarity migration rewrites benchmark indicators' high/low as higher/lower, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def _migration() -> tuple[tuple[str, str], tuple[str, str]]:
    """The migration and the one before it, found by name: the lead may renumber it."""
    graph = MigrationExecutor(connection).loader.graph
    (node,) = [
        key for key in graph.nodes if key[0] == "measures" and key[1].endswith("one_polarity")
    ]
    (before,) = [parent for parent in graph.node_map[node].parents if parent[0] == "measures"]
    return node, before


def _migrate(target: tuple[str, str]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return MigrationExecutor(connection)


def _polarities(executor: MigrationExecutor, target: tuple[str, str]) -> dict[str, str]:
    indicator = executor.loader.project_state(target).apps.get_model(
        "measures", "BenchmarkIndicator"
    )
    return dict(indicator.objects.values_list("code", "polarity"))


def test_stored_polarities_become_the_measure_words_and_go_back_unchanged() -> None:
    node, before = _migration()
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = _migrate(before)
    try:
        old = executor.loader.project_state(before).apps.get_model("measures", "BenchmarkIndicator")
        for code, polarity in (("UP", "high"), ("DOWN", "low"), ("FLAT", "none")):
            old.objects.create(
                source="LAIT", code=code, slug=code.lower(), title=code, polarity=polarity
            )

        executor = _migrate(node)
        assert _polarities(executor, node) == {"UP": "higher", "DOWN": "lower", "FLAT": "none"}

        executor = _migrate(before)
        assert _polarities(executor, before) == {"UP": "high", "DOWN": "low", "FLAT": "none"}
    finally:
        MigrationExecutor(connection).migrate(leaf)
