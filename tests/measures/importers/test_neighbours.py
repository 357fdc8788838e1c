"""The import_sn_model command: DfE's statistical neighbour models as comparator groups."""

from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from measures.benchmarking.models import Area, AreaKind, ComparatorGroup, GroupKind, GroupMember
from measures.importers.neighbours import (
    CLOSENESS,
    ModelRefused,
    import_sn_model,
    normalise_closeness,
)
from measures.importers.tabular import ImportRejected

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parents[1] / "benchmarking" / "files"
MAY_2025 = FILES / "sn_may_2025.xlsx"
APRIL_2021 = FILES / "sn_april_2021.xlsx"
WIDE_2025 = FILES / "sn_model_2025_wide.csv"
CPP = FILES / "ees_d5_cpps_at31march_by_duration.csv"

# Lincolnshire's ten nearest neighbours in the 2025 model, nearest first.
LINCOLNSHIRE_2025 = [
    ("888", "Lancashire"),
    ("384", "Wakefield"),
    ("884", "Herefordshire"),
    ("813", "North Lincolnshire"),
    ("926", "Norfolk"),
    ("935", "Suffolk"),
    ("332", "Dudley"),
    ("940", "North Northamptonshire"),
    ("830", "Derbyshire"),
    ("933", "Somerset"),
]


def run(path: Path, version: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_sn_model", str(path), "--version", version, stdout=out, stderr=err)
    assert err.getvalue() == ""
    return out.getvalue().strip()


def rejected(path: Path, version: str = "May 2025") -> tuple[list[str], str]:
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(
            "import_sn_model", str(path), "--version", version, stdout=StringIO(), stderr=err
        )
    return err.getvalue().splitlines(), str(failure.value)


def group(code: str, version: str) -> ComparatorGroup:
    return ComparatorGroup.objects.get(
        kind=GroupKind.STATISTICAL_NEIGHBOURS, area__old_code=code, version=version
    )


def members(code: str, version: str) -> list[tuple[int, str, str, str]]:
    return [
        (member.position, member.area.old_code, member.name, member.closeness)
        for member in group(code, version).members.select_related("area")
    ]


def snapshot() -> tuple[list[dict[str, Any]], ...]:
    return (
        list(Area.objects.order_by("pk").values()),
        list(ComparatorGroup.objects.order_by("pk").values()),
        list(GroupMember.objects.order_by("pk").values()),
    )


def edited_workbook(tmp_path: Path, source: Path, cells: dict[str, Any]) -> Path:
    """A copy of a slice with some cells changed, by their Excel references."""
    book = load_workbook(source)
    sheet = book["LA SN Groups"]
    for reference, value in cells.items():
        sheet[reference] = value
    path = tmp_path / source.name
    book.save(path)
    return path


# --- the 2025 model -------------------------------------------------------------------------


def test_lincolnshires_ten_neighbours_load_in_order_with_their_closeness() -> None:
    out = run(MAY_2025, "May 2025")

    lincolnshire = group("925", "May 2025")
    assert lincolnshire.name == "Lincolnshire statistical neighbours (May 2025)"
    assert lincolnshire.slug == "lincolnshire-statistical-neighbours-may-2025"
    assert lincolnshire.area.name == "Lincolnshire"
    assert lincolnshire.source == MAY_2025.name
    assert members("925", "May 2025") == [
        (position, code, name, "Very close")
        for position, (code, name) in enumerate(LINCOLNSHIRE_2025, start=1)
    ]
    assert out == (
        f"Imported {MAY_2025}: May 2025: 19 groups (19 created, 0 updated, 0 unchanged, "
        "0 removed), 190 neighbours; 4 authorities listed as no longer existing (“Old SNs”), "
        "4 newly marked not active; 63 authorities added; 44 authorities known only by code, "
        "named “Authority NNN” until a file names them"
    )


def test_authorities_are_found_by_code_and_named_from_the_file() -> None:
    run(MAY_2025, "May 2025")

    westminster = Area.objects.get(old_code="213")
    assert (westminster.kind, westminster.name, westminster.region.name) == (
        AreaKind.AUTHORITY,
        "Westminster",
        "London",
    )
    assert Area.objects.get(old_code="925").region.name == "East Midlands"
    # Westminster's neighbour Camden has no row in the slice, so no name.
    assert Area.objects.get(old_code="202").name == "Authority 202"


def test_an_authority_named_only_by_code_takes_its_name_from_a_release() -> None:
    run(MAY_2025, "May 2025")
    assert Area.objects.get(old_code="850").name == "Authority 850"  # Wiltshire's neighbour

    call_command(
        "import_ees",
        str(CPP),
        *("--column", "CPP_At31", "--code", "CPP_NUM", "--title", "Child protection plans"),
        *("--polarity", "none", "--unit", "count"),
        stdout=StringIO(),
    )

    hampshire = Area.objects.get(old_code="850")
    assert (hampshire.name, hampshire.new_code) == ("Hampshire", "E10000014")


def test_closeness_labels_are_normalised_whatever_their_spelling() -> None:
    run(MAY_2025, "May 2025")
    run(APRIL_2021, "April 2021")
    run(WIDE_2025, "May 2025 (CSV)")

    assert set(GroupMember.objects.values_list("closeness", flat=True)) == set(CLOSENESS)
    # The workbook's old section writes "Extremely Close", the CSV "Close " with a space.
    assert members("909", "May 2025")[0] == (1, "925", "Lincolnshire", "Extremely close")
    assert members("213", "May 2025 (CSV)")[0] == (1, "202", "Authority 202", "Close")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Extremely Close", "Extremely close"),
        ("Very close", "Very close"),
        ("Close ", "Close"),
        ("  somewhat   CLOSE", "Somewhat close"),
        ("Not Close", "Not close"),
        ("-", ""),
        ("", ""),
    ],
)
def test_normalise_closeness(text: str, label: str) -> None:
    assert normalise_closeness(text) == label


def test_an_unknown_closeness_is_refused() -> None:
    with pytest.raises(ValueError, match="'Quite close' is not a closeness"):
        normalise_closeness("Quite close")


def test_authorities_under_old_sns_get_groups_and_are_no_longer_active() -> None:
    run(MAY_2025, "May 2025")

    for code in ("835", "836", "909", "928"):
        assert not Area.objects.get(old_code=code).is_active
        assert len(members(code, "May 2025")) == 10
    assert Area.objects.get(old_code="925").is_active
    dorset = group("835", "May 2025")
    assert dorset.name == "Dorset (Pre LG) statistical neighbours (May 2025)"
    assert "no longer exists" in dorset.description


def test_the_wide_csv_gives_the_same_neighbours_as_the_workbook() -> None:
    assert WIDE_2025.read_bytes().startswith(b"\xef\xbb\xbf")

    run(WIDE_2025, "May 2025")

    # The CSV slice has no rows for Lincolnshire's neighbours, so it cannot name them.
    assert members("925", "May 2025") == [
        (position, code, f"Authority {code}", "Very close")
        for position, (code, _) in enumerate(LINCOLNSHIRE_2025, start=1)
    ]
    assert members("942", "May 2025")[:4] == [
        (1, "943", "Westmorland and Furness", "Very close"),
        (2, "925", "Lincolnshire", "Very close"),
        (3, "884", "Authority 884", "Very close"),
        (4, "888", "Authority 888", "Close"),
    ]
    assert group("925", "May 2025").source == WIDE_2025.name


# --- versions, re-imports and the 2021 model --------------------------------------------------


def test_the_2021_and_2025_models_are_kept_separately() -> None:
    run(MAY_2025, "May 2025")
    before = members("925", "May 2025")

    run(APRIL_2021, "April 2021")

    assert members("925", "May 2025") == before
    april = members("925", "April 2021")
    assert april[:2] == [
        (1, "926", "Norfolk", "Extremely close"),
        (2, "909", "Cumbria", "Extremely close"),
    ]
    assert [code for _, code, _, _ in april[2:]] == [
        "830", "891", "935", "813", "940", "908", "860", "885"
    ]  # fmt: skip
    assert group("925", "April 2021").name == "Lincolnshire statistical neighbours (April 2021)"
    assert ComparatorGroup.objects.filter(area__old_code="925").count() == 2


def test_each_model_comes_into_force_when_its_version_says() -> None:
    run(MAY_2025, "May 2025")
    run(APRIL_2021, "April 2021")
    assert group("925", "May 2025").in_force_from == date(2025, 5, 1)
    assert group("925", "April 2021").in_force_from == date(2021, 4, 1)


def test_a_dash_for_every_neighbour_leaves_an_empty_group() -> None:
    out = run(APRIL_2021, "April 2021")

    for code in ("942", "943"):
        assert members(code, "April 2021") == []
        assert group(code, "April 2021").description == (
            "The model gives this authority no neighbours."
        )
    assert "no neighbours given for Cumberland (942), Westmorland and Furness (943)" in out


def test_a_dash_for_one_neighbour_leaves_its_position_empty(tmp_path: Path) -> None:
    # Lincolnshire's third neighbour (SN3, column J; its closeness in K) removed.
    path = edited_workbook(tmp_path, APRIL_2021, {"J5": "-", "K5": "-"})

    run(path, "April 2021")

    assert [position for position, *_ in members("925", "April 2021")] == [
        1,
        2,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
    ]


def test_an_older_model_does_not_make_an_abolished_authority_active_again() -> None:
    run(MAY_2025, "May 2025")  # Cumbria (909) under "Old SNs"

    run(APRIL_2021, "April 2021")  # Cumbria still an authority in 2021

    assert not Area.objects.get(old_code="909").is_active
    assert len(members("909", "April 2021")) == 10


def test_importing_the_same_model_again_changes_nothing() -> None:
    run(MAY_2025, "May 2025")
    before = snapshot()

    out = run(MAY_2025, "May 2025")

    assert "19 groups (0 created, 0 updated, 19 unchanged, 0 removed)" in out
    assert snapshot() == before


def test_importing_a_version_again_replaces_its_members(tmp_path: Path) -> None:
    run(MAY_2025, "May 2025")
    run(APRIL_2021, "April 2021")
    april = [
        (m.group_id, m.area_id, m.position, m.closeness)
        for m in GroupMember.objects.filter(group__version="April 2021").order_by("pk")
    ]
    # Lincolnshire's first two neighbours swapped, and Westminster's row (17) emptied.
    emptied = {f"{column}17": None for column in "ABCDEFGHIJKLMNOPQRSTUVWXY"}
    path = edited_workbook(tmp_path, MAY_2025, {"F4": 384, "H4": 888, **emptied})

    out = run(path, "May 2025")

    assert "18 groups (0 created, 1 updated, 17 unchanged, 1 removed)" in out
    assert [code for _, code, _, _ in members("925", "May 2025")][:3] == ["384", "888", "884"]
    assert not ComparatorGroup.objects.filter(area__old_code="213", version="May 2025").exists()
    assert april == [
        (m.group_id, m.area_id, m.position, m.closeness)
        for m in GroupMember.objects.filter(group__version="April 2021").order_by("pk")
    ]


# --- broken copies ------------------------------------------------------------------------------


@pytest.fixture
def loaded() -> tuple[list[dict[str, Any]], ...]:
    """The 2021 model already loaded, so that a refused import has something to leave alone."""
    run(APRIL_2021, "April 2021")
    return snapshot()


def test_bad_codes_and_labels_are_reported_by_row_and_column(tmp_path: Path, loaded) -> None:
    path = edited_workbook(
        tmp_path,
        MAY_2025,
        {"A4": "92S", "J5": 3845, "K6": "Quite close", "F7": 884},
    )

    lines, error = rejected(path)

    assert lines == [
        "row 4, column LA num (A): '92S' is not an authority code: old codes are three digits, "
        "like 925",
        "row 5, column SN3 (J): '3845' is not an authority code: old codes are three digits, "
        "like 925",
        "row 6, column SNP (K): 'Quite close' is not a closeness: use one of Extremely close, "
        "Very close, Close, Somewhat close, Not close",
        "row 7, column SN1 (F): 884 is given as its own neighbour",
    ]
    assert error == "Nothing was imported: 4 rows have problems."
    assert snapshot() == loaded


def test_an_authority_twice_is_refused(tmp_path: Path, loaded) -> None:
    path = edited_workbook(tmp_path, MAY_2025, {"A18": 925, "C18": 925})

    lines, _ = rejected(path)

    assert lines == ["row 18, column LA num (A): 925 is also on row 4"]
    assert snapshot() == loaded


def test_a_missing_sheet_is_named_with_the_sheets_there_are(tmp_path: Path, loaded) -> None:
    book = load_workbook(MAY_2025)
    book["LA SN Groups"].title = "Groups"
    path = tmp_path / "renamed.xlsx"
    book.save(path)

    lines, error = rejected(path)

    assert lines == ["renamed.xlsx has no sheet “LA SN Groups”. Its sheets are: Groups."]
    assert error == f"Nothing was imported from {path}."
    assert snapshot() == loaded


def test_a_missing_csv_column_is_named_with_the_columns_found(tmp_path: Path, loaded) -> None:
    text = WIDE_2025.read_text(encoding="utf-8-sig")
    lines = [",".join(line.split(",")[:-1]) for line in text.splitlines()]  # no SN_10P
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    problems, _ = rejected(path)

    assert problems[0].startswith(
        "wide.csv has no SN10's closeness (SNP or SN_10P) column on row 1. Its columns are: "
        "old_la_code, la_name, region_ind, region_name, SN_1, SN_1P,"
    )
    assert snapshot() == loaded


def test_a_version_name_is_needed() -> None:
    with pytest.raises(CommandError, match="needs a version name"):
        run(MAY_2025, "  ")
    with pytest.raises(ModelRefused, match="longer than 40"):
        import_sn_model(path=MAY_2025, version="x" * 41)
    assert not ComparatorGroup.objects.exists()


def test_the_service_raises_every_problem_at_once(tmp_path: Path) -> None:
    path = edited_workbook(tmp_path, APRIL_2021, {"G5": "Near", "G6": "Far"})

    with pytest.raises(ImportRejected) as failure:
        import_sn_model(path=path, version="April 2021")

    assert [(p.row, p.column) for p in failure.value.problems] == [(5, "SNP (G)"), (6, "SNP (G)")]
    assert not Area.objects.filter(kind=AreaKind.AUTHORITY).exists()
