"""Replacing indicators' values: only what changed is written, in a fixed number of queries.

On real slices: the children's social work workforce release (two joint returns, and the
missing-value codes x, u and low) and LAIT (ten indicators, "-" for missing).
"""

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from measures.benchmarking.models import Area, BenchmarkIndicator, BenchmarkValue
from measures.benchmarking.ranking import period_sort_key
from measures.importers.lait import import_lait
from measures.importers.releases import import_release
from measures.importers.replace import NewValue, ValueChanges, replace_values, value_rows

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

FILES = Path(__file__).resolve().parents[1] / "benchmarking" / "files"
WORKFORCE = FILES / "ees_csww_indicators.csv"
WORKFORCE_VALUES = 326  # 2024 and 2025: England, 11 regions, 151 authorities and joint returns
AGENCY = {
    "column": "agency_rate_fte",
    "code": "CSWW_AGENCY",
    "title": "Agency children and family social workers (FTE rate, %)",
    "polarity": "low",
    "unit": "percentage",
}
# What one revised or one withdrawn figure of the release does.
REVISED = ValueChanges(changed=1, unchanged=WORKFORCE_VALUES - 1)
WITHDRAWN = ValueChanges(removed=1, unchanged=WORKFORCE_VALUES - 1)
LAIT_VALUES = 3740  # the slice's 3,910 rows less the 170 with no period

Rows = dict[tuple[int, str, int], NewValue]
Edit = Callable[[Rows], None]


@pytest.fixture
def workforce(db: None) -> BenchmarkIndicator:
    """The agency social worker rate, loaded from the workforce release slice by import_ees."""
    import_release(path=WORKFORCE, filters={}, **AGENCY)
    return BenchmarkIndicator.objects.get(code="CSWW_AGENCY")


@pytest.fixture
def lait(db: None) -> None:
    import_lait(
        parquet=FILES / "lait_slice.parquet", dictionary=FILES / "lait_dictionary_slice.csv"
    )


def stored_rows() -> Rows:
    """Every stored value as a file would give it again, by indicator, period and area."""
    fields = ("indicator_id", "period", "period_key", "area_id", "value", "status", "raw")
    return {
        (row.indicator_id, row.period, row.area_id): row
        for row in (NewValue(*values) for values in BenchmarkValue.objects.values_list(*fields))
    }


def stored_ids() -> dict[tuple[int, str, int], int]:
    return {
        (indicator, period, area): pk
        for pk, indicator, period, area in BenchmarkValue.objects.values_list(
            "pk", "indicator_id", "period", "area_id"
        )
    }


def value_writes() -> tuple[int, int, int] | None:
    """Values inserted, updated and deleted so far in this transaction (PostgreSQL only).

    COPY goes round Django's query log, so the database's own counts are the sure test.
    """
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables "
            "WHERE relname = %s",
            [BenchmarkValue._meta.db_table],
        )
        return cursor.fetchone() or (0, 0, 0)


def key_of(rows: Rows, code: str, period: str, indicator: str = "CSWW_AGENCY") -> tuple:
    """The key of an area's value by the area's old code (a joint return's: "940 / 941")."""
    area = Area.objects.get(old_code=code)
    key = (BenchmarkIndicator.objects.get(code=indicator).pk, period, area.pk)
    assert key in rows
    return key


def set_figure(code: str, period: str, value: str | None, status: str = "", **kw: Any) -> Edit:
    def edit(rows: Rows) -> None:
        key = key_of(rows, code, period, **kw)
        raw = status if value is None else value
        rows[key] = rows[key]._replace(
            value=None if value is None else Decimal(value), status=status, raw=raw
        )

    return edit


def withdraw(code: str, period: str, **kw: Any) -> Edit:
    def edit(rows: Rows) -> None:
        del rows[key_of(rows, code, period, **kw)]

    return edit


def publish_2026(code: str, value: str) -> Edit:
    """A new year's figure for an area: 2026, after the file's 2025."""

    def edit(rows: Rows) -> None:
        before = rows[key_of(rows, code, "2025")]
        new = before._replace(
            period="2026", period_key=period_sort_key("2026"), value=Decimal(value), raw=value
        )
        rows[(new.indicator_id, new.period, new.area_id)] = new

    return edit


def drop_period(period: str) -> Edit:
    def edit(rows: Rows) -> None:
        for key in [key for key in rows if key[1] == period]:
            del rows[key]

    return edit


def keep_only(period: str) -> Edit:
    def edit(rows: Rows) -> None:
        for key in [key for key in rows if key[1] != period]:
            del rows[key]

    return edit


def nothing(rows: Rows) -> None:
    pass


def check_replacement(edits: list[Edit], expected: ValueChanges) -> None:
    """Apply the edits to the stored rows, replace with them, and check what was written."""
    before = stored_rows()
    rows = dict(before)
    for edit in edits:
        edit(rows)
    ids, writes = stored_ids(), value_writes()

    changes = replace_values(rows=value_rows(rows.values()))

    assert changes == expected
    # The indicators and periods the rows give hold exactly the rows; all else is as it was.
    after = stored_rows()
    periods = {(key[0], key[1]) for key in rows}

    def outside(values: Rows) -> Rows:
        return {key: row for key, row in values.items() if (key[0], key[1]) not in periods}

    assert {key: row for key, row in after.items() if (key[0], key[1]) in periods} == rows
    assert outside(after) == outside(before)
    indicators = {key[0] for key in rows}
    assert sum(1 for key in outside(after) if key[0] in indicators) == expected.kept
    # Values still there keep their rows, changed ones too (updated in place, not replaced).
    ids_after = stored_ids()
    assert {key: ids_after[key] for key in ids if key in after} == {
        key: pk for key, pk in ids.items() if key in after
    }
    if writes is not None:
        inserted, updated, deleted = (n - m for n, m in zip(value_writes(), writes, strict=True))
        assert (inserted, updated, deleted) == (expected.added, expected.changed, expected.removed)


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param([nothing], ValueChanges(unchanged=WORKFORCE_VALUES), id="same-file"),
        pytest.param([set_figure("925", "2025", "6.1")], REVISED, id="one-figure-revised"),
        pytest.param([withdraw("857", "2025")], WITHDRAWN, id="one-figure-withdrawn"),
        pytest.param(
            [publish_2026("925", "7.2")],
            ValueChanges(added=1, unchanged=WORKFORCE_VALUES),
            id="one-figure-added",
        ),
        pytest.param([set_figure("940 / 941", "2025", "18.5")], REVISED, id="joint-return-revised"),
        pytest.param([withdraw("314 / 318", "2024")], WITHDRAWN, id="joint-return-withdrawn"),
        pytest.param([set_figure("925", "2024", None, "c")], REVISED, id="figure-suppressed"),
        pytest.param(
            # Birmingham's 2024 figure was published as u (low reliability).
            [set_figure("330", "2024", "30.2")],
            REVISED,
            id="suppressed-figure-published",
        ),
        pytest.param(
            # Sunderland's 2025 figure was "low"; the file now says x (not available).
            [set_figure("394", "2025", None, "x")],
            REVISED,
            id="missing-code-changed",
        ),
        pytest.param(
            # The text as published is stored too, so 5.8 printed as 5.80 is a change.
            [set_figure("925", "2025", "5.80")],
            REVISED,
            id="same-number-new-text",
        ),
        pytest.param(
            [drop_period("2024"), set_figure("925", "2025", "6.1")],
            ValueChanges(changed=1, unchanged=WORKFORCE_VALUES // 2 - 1, kept=163),
            id="a-period-the-file-lacks-is-kept",
        ),
        pytest.param(
            [
                set_figure("925", "2025", "6.1"),
                withdraw("857", "2025"),
                publish_2026("925", "7.2"),
                set_figure("314 / 318", "2025", None, "x"),
            ],
            ValueChanges(added=1, changed=2, removed=1, unchanged=WORKFORCE_VALUES - 3),
            id="all-at-once",
        ),
    ],
)
def test_replacing_the_release_writes_only_what_changed(
    workforce: BenchmarkIndicator, edits: list[Edit], expected: ValueChanges
) -> None:
    check_replacement(edits, expected)


def test_missing_codes_and_joint_returns_are_stored_as_the_rows_give_them(
    workforce: BenchmarkIndicator,
) -> None:
    rows = stored_rows()
    set_figure("925", "2025", None, "c")(rows)
    replace_values(rows=value_rows(rows.values()))

    lincolnshire = BenchmarkValue.objects.get(
        indicator=workforce, period="2025", area__old_code="925"
    )
    assert (lincolnshire.value, lincolnshire.status, lincolnshire.raw) == (None, "c", "c")
    statuses = BenchmarkValue.objects.filter(indicator=workforce).exclude(status="")
    assert sorted(statuses.values_list("area__old_code", "period", "status")) == [
        ("207", "2024", "x"),
        ("207", "2025", "x"),
        ("213", "2024", "x"),
        ("213", "2025", "x"),
        ("330", "2024", "u"),
        ("394", "2024", "low"),
        ("394", "2025", "low"),
        ("925", "2025", "c"),
    ]
    joint = BenchmarkValue.objects.get(
        indicator=workforce, period="2025", area__old_code="940 / 941"
    )
    assert joint.value == Decimal("19.5")


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param([nothing], ValueChanges(unchanged=LAIT_VALUES), id="same-file"),
        pytest.param(
            [set_figure("925", "2025", "55", indicator="LAC")],
            ValueChanges(changed=1, unchanged=LAIT_VALUES - 1),
            id="one-figure-revised",
        ),
        pytest.param(
            [set_figure("925", "2025", None, "-", indicator="CPP_rate")],
            ValueChanges(changed=1, unchanged=LAIT_VALUES - 1),
            id="figure-missing",
        ),
        pytest.param(
            [withdraw("857", "2025", indicator="LAC")],
            ValueChanges(removed=1, unchanged=LAIT_VALUES - 1),
            id="one-figure-withdrawn",
        ),
        pytest.param(
            # LAC, CPP_rate, CareLeaverAcc and LAC_Over_Abs have 2025; their 7 other periods
            # are kept, and the indicators with no 2025 are not touched.
            [keep_only("2025")],
            ValueChanges(unchanged=4 * 170, kept=7 * 170),
            id="other-periods-kept",
        ),
    ],
)
def test_replacing_lait_values_writes_only_what_changed(
    lait: None, edits: list[Edit], expected: ValueChanges
) -> None:
    check_replacement(edits, expected)


def test_two_values_for_one_area_and_period_are_refused_before_anything_is_written(
    workforce: BenchmarkIndicator,
) -> None:
    rows = list(stored_rows().values())
    before = stored_rows()

    with pytest.raises(ValueError, match="more than one value"):
        replace_values(rows=value_rows([*rows, rows[0]._replace(value=Decimal(1))]))

    assert stored_rows() == before


def queries_to_replace(workforce: BenchmarkIndicator, count: int) -> int:
    """Queries to make the 2025 values the first `count` areas', each kind of change made."""
    with transaction.atomic():
        rows = [row for row in stored_rows().values() if row.period == "2025"][:count]
        rows = [
            row._replace(value=row.value + 1) if i % 2 and row.value is not None else row
            for i, row in enumerate(rows)
        ]
        rows += [row._replace(period="2026", period_key=row.period_key + 10) for row in rows]
        with CaptureQueriesContext(connection) as queries:
            changes = replace_values(rows=value_rows(rows))
        assert (changes.added, changes.removed) == (count, 163 - count)
        assert changes.changed >= count // 3
        transaction.set_rollback(True)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_rows(workforce: BenchmarkIndicator) -> None:
    assert queries_to_replace(workforce, 10) == queries_to_replace(workforce, 100)
