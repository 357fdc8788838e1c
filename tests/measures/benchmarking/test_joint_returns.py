"""Joint returns: one DfE figure for two authorities, imported, ranked and shown as one entry.

On a real slice of the children's social work workforce release, whose rows for North and
West Northamptonshire (940 / 941) and for Kingston upon Thames and Richmond upon Thames
(314 / 318) are published jointly.
"""

import csv
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from measures.benchmarking.models import (
    Area,
    AreaKind,
    BenchmarkIndicator,
    BenchmarkValue,
    ComparatorGroup,
    GroupKind,
    GroupMember,
    MeasureBenchmark,
)
from measures.benchmarking.ranking import quartile_band, quartile_cut_points
from measures.benchmarking.reads import GroupComparison, compare
from measures.rules.rating import Polarity

pytestmark = pytest.mark.django_db

WORKFORCE = Path(__file__).resolve().parent / "files" / "ees_csww_indicators.csv"
AGENCY = [
    "--column",
    "agency_rate_fte",
    "--code",
    "CSWW_AGENCY",
    "--title",
    "Agency children and family social workers (FTE rate, %)",
    "--polarity",
    "low",
    "--unit",
    "percentage",
]


def load(*args: str, path: Path = WORKFORCE) -> str:
    out = StringIO()
    call_command("import_ees", str(path), *(args or AGENCY), stdout=out, stderr=StringIO())
    return out.getvalue()


def authority_rows(year: str) -> list[dict[str, str]]:
    with WORKFORCE.open(newline="") as handle:
        return [
            row
            for row in csv.DictReader(handle)
            if row["time_period"] == year and row["geographic_level"] == "Local authority"
        ]


def test_the_workforce_release_loads_with_its_joint_returns_as_joint_areas() -> None:
    out = load()

    assert "values for 2024, 2025:" in out
    northants = Area.objects.by_code("940 / 941")
    assert northants.kind == AreaKind.JOINT
    assert northants.name == "North Northamptonshire / West Northamptonshire"
    assert (northants.old_code, northants.new_code) == ("940 / 941", "E06000061 / E06000062")
    # Both members are named authorities with their own codes, linked to the joint area.
    members = northants.joint_members.order_by("old_code")
    assert [(m.old_code, m.new_code, m.name, m.kind) for m in members] == [
        ("940", "E06000061", "North Northamptonshire", AreaKind.AUTHORITY),
        ("941", "E06000062", "West Northamptonshire", AreaKind.AUTHORITY),
    ]
    assert northants.region.name == "East Midlands"
    # Either code of the pair finds the joint return, however it is spaced or ordered.
    assert Area.objects.by_code("E06000062/E06000061") == northants
    assert Area.objects.by_code("940") == members[0]
    kingston = Area.objects.by_code("314 / 318")
    assert kingston.name == "Kingston upon Thames / Richmond upon Thames"
    assert kingston.region.name == "London"
    assert BenchmarkValue.objects.get(area=northants, period="2025").value == Decimal("19.5")
    assert BenchmarkValue.objects.get(area=kingston, period="2024").value == Decimal(19)
    # Never split: the members hold no figure of their own for this release.
    assert not BenchmarkValue.objects.filter(area__in=members).exists()


def test_every_authority_row_is_imported_suppression_codes_kept_and_nothing_dropped() -> None:
    load()

    for year in ("2024", "2025"):
        published = authority_rows(year)
        stored = BenchmarkValue.objects.filter(
            indicator__code="CSWW_AGENCY", period=year, area__kind__in=["authority", "joint"]
        )
        assert stored.count() == len(published)
    codes = dict(
        BenchmarkValue.objects.filter(value__isnull=True).values_list("raw", "status").distinct()
    )
    assert codes == {"x": "x", "u": "u", "low": "low"}


def test_importing_the_release_again_changes_nothing_and_makes_no_second_joint_area() -> None:
    load()
    areas = Area.objects.count()

    out = load()

    assert "0 created, 0 updated" in out and " unchanged, 0 removed" in out
    assert Area.objects.count() == areas
    assert Area.objects.filter(kind=AreaKind.JOINT).count() == 2


def test_a_joint_return_is_ranked_and_banded_as_one_entry() -> None:
    load()
    indicator = BenchmarkIndicator.objects.get(code="CSWW_AGENCY")

    comparison = compare(indicator=indicator, period="2025")

    published = [row for row in authority_rows("2025")]
    with_figures = [row for row in published if row["agency_rate_fte"] not in ("x", "u", "low")]
    assert comparison.ranked == len(with_figures)
    joint = next(row for row in comparison.rows if row.area.old_code == "940 / 941")
    # 19.5% agency: ranked among every authority's entry, 1st being the lowest rate.
    lower = sum(1 for row in with_figures if Decimal(row["agency_rate_fte"]) < Decimal("19.5"))
    assert joint.rank == lower + 1
    # Banded at the quartiles of the entries, the joint return counted once.
    cuts = quartile_cut_points([Decimal(row["agency_rate_fte"]) for row in with_figures])
    assert joint.band == quartile_band(Decimal("19.5"), cuts, Polarity.LOWER) == "C"
    assert not [row for row in comparison.rows if row.area.old_code in ("940", "941")]


def test_a_member_authority_sees_the_joint_figure_as_its_own_labelled(client: Client) -> None:
    load()
    indicator = BenchmarkIndicator.objects.get(code="CSWW_AGENCY")

    response = client.get(f"/benchmarks/{indicator.slug}/", {"period": "2025", "area": "941"})

    comparison = response.context["comparison"]
    assert comparison.ours.area.old_code == "940 / 941"
    assert comparison.ours.jointly_with == "North Northamptonshire"
    page = " ".join(response.content.decode().split())
    assert (
        "West Northamptonshire is reported jointly with North Northamptonshire: the figure, "
        "rank and band below are the joint return's" in page
    )
    assert comparison.rank_text in page
    assert "North Northamptonshire / West Northamptonshire (joint return)" in page
    assert "West Northamptonshire (reported jointly with North Northamptonshire)" in page
    exported = client.get(f"/benchmarks/{indicator.slug}/authorities.csv", {"period": "2025"})
    joint_line = (
        "E06000061 / E06000062,North Northamptonshire / West Northamptonshire,East Midlands,19.5"
    )
    assert joint_line in exported.content.decode()


def test_our_authority_in_a_joint_return_sees_it_on_its_measure_page(
    client: Client, settings, make_measure
) -> None:
    settings.OUR_AUTHORITY = "318"
    load()
    indicator = BenchmarkIndicator.objects.get(code="CSWW_AGENCY")
    measure = make_measure("SW-AGENCY", unit="percentage", polarity="lower")
    MeasureBenchmark.objects.create(measure=measure, indicator=indicator)

    page = " ".join(client.get("/measures/SW-AGENCY/").content.decode().split())

    assert (
        "Kingston upon Thames / Richmond upon Thames: 14.9 (reported jointly with Kingston "
        "upon Thames), ranked" in page
    )
    # Every year, ours is the joint figure: 19 in 2024 and 14.9 in 2025.
    comparison = compare(indicator=indicator, ours=Area.objects.by_code("318"))
    assert comparison.ours.value == Decimal("14.9")


def test_neighbours_reported_jointly_show_the_joint_figure_counted_once() -> None:
    load()
    indicator = BenchmarkIndicator.objects.get(code="CSWW_AGENCY")
    lincolnshire = Area.objects.by_code("925")
    group = ComparatorGroup.objects.create(
        kind=GroupKind.STATISTICAL_NEIGHBOURS,
        name="Lincolnshire's statistical neighbours",
        slug="lincolnshire-sn",
        area=lincolnshire,
        version="May 2025",
    )
    for position, code in enumerate(("940", "941", "926"), start=1):
        area = Area.objects.by_code(code)
        GroupMember.objects.create(group=group, area=area, name=area.name, position=position)

    comparison = compare(indicator=indicator, period="2025", ours=lincolnshire)

    neighbours = comparison.groups[0]
    norfolk = BenchmarkValue.objects.get(area__old_code="926", period="2025").value
    assert neighbours.members[0] == (
        "North Northamptonshire (jointly with West Northamptonshire)",
        Decimal("19.5"),
        "",
    )
    # One joint figure and Norfolk's: the joint return is one entry, not two.
    assert neighbours.figure.mean == (Decimal("19.5") + norfolk) / 2
    assert (neighbours.figure.count, neighbours.figure.members) == (3, 3)


def test_a_joint_row_whose_codes_and_names_do_not_pair_is_reported_by_row(
    tmp_path: Path,
) -> None:
    text = WORKFORCE.read_text()
    path = tmp_path / "workforce.csv"
    codes = "940 / 941,E06000061 / E06000062"
    path.write_text(text.replace(codes, "940 / 941 / 942,E06000061 / E06000062", 1))

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_ees", str(path), *AGENCY, stdout=StringIO(), stderr=err)

    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("row ")
    assert "is not a joint return: give as many codes as names" in lines[0]
    assert not Area.objects.filter(kind=AreaKind.JOINT).exists()


SN_MODEL = Path(__file__).resolve().parent / "files" / "sn_model_2025_wide.csv"


def lincolnshire_neighbours() -> GroupComparison:
    indicator = BenchmarkIndicator.objects.get(code="CSWW_AGENCY")
    comparison = compare(indicator=indicator, period="2025", ours=Area.objects.by_code("925"))
    return next(g for g in comparison.groups if g.group.kind == GroupKind.STATISTICAL_NEIGHBOURS)


def test_a_statistical_neighbour_reported_jointly_shows_the_joint_figure() -> None:
    load()
    call_command("import_sn_model", str(SN_MODEL), "--version", "May 2025", stdout=StringIO())

    members = dict((name, value) for name, value, _ in lincolnshire_neighbours().members)

    # The model lists North Northamptonshire (940) on its own; the release reports it jointly.
    assert members["North Northamptonshire (jointly with West Northamptonshire)"] == Decimal("19.5")


def test_a_neighbour_model_naming_a_joint_return_links_the_joint_area(tmp_path: Path) -> None:
    load()
    path = tmp_path / "sn.csv"
    path.write_bytes(SN_MODEL.read_bytes().replace(b",940,Very close", b",941/940,Very close"))

    call_command("import_sn_model", str(path), "--version", "May 2025", stdout=StringIO())

    group = ComparatorGroup.objects.get(area__old_code="925")
    joint = group.members.get(position=8)
    assert joint.area == Area.objects.by_code("940 / 941")
    members = dict((name, value) for name, value, _ in lincolnshire_neighbours().members)
    assert members[joint.name] == Decimal("19.5")


NUL_MESSAGE = (
    "the cell holds a NUL character (an invisible control character, often left by copying "
    "from another program): delete it and type the text again"
)


def test_a_nul_character_in_a_release_is_refused_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "workforce.csv"
    path.write_text(WORKFORCE.read_text().replace(",Lincolnshire,", ",Lincoln\x00shire,", 1))

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_ees", str(path), *AGENCY, stdout=StringIO(), stderr=err)

    row = next(n for n, line in enumerate(path.read_text().splitlines(), 1) if "\x00" in line)
    assert err.getvalue().splitlines() == [f"row {row}, column la_name: {NUL_MESSAGE}"]
    assert not Area.objects.exists()


def test_a_nul_character_in_a_neighbour_model_is_refused_by_row_and_column(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sn.csv"
    path.write_bytes(SN_MODEL.read_bytes().replace(b",Lincolnshire,", b",Lincoln\x00shire,"))

    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_sn_model", str(path), "--version", "2025", stdout=StringIO(), stderr=err
        )

    assert err.getvalue().splitlines() == [f"row 3, column B: {NUL_MESSAGE}"]
    assert not ComparatorGroup.objects.exists()
