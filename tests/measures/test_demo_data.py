"""The demo data reproduces every status and direction in the papers' resolved tables."""

import pytest

from measures.models import Actual, Measure, State
from measures.rules.periods import Period
from measures.rules.rating import Direction, Status

pytestmark = pytest.mark.django_db

A, W, N = Status.ACHIEVED, Status.WITHIN_TOLERANCE, Status.NOT_ACHIEVED
IMPROVING, WORSENING = Direction.IMPROVING, Direction.WORSENING

# (measure, reported in, status, direction against the previous figure) from DOMAIN.md.
RESOLVED = [
    ("FTE-YJ", "2016/17 Q2", N, None),
    ("FTE-YJ", "2016/17 Q4", N, WORSENING),
    ("FTE-YJ", "2017/18 Q1", N, WORSENING),
    ("REOFFEND-YJ", "2016/17 Q4", A, None),
    ("REOFFEND-YJ", "2017/18 Q1", A, IMPROVING),
    ("LAC-RATE", "2016/17 Q4", N, None),
    ("LAC-RATE", "2017/18 Q1", N, WORSENING),
    ("CP-PLANS", "2016/17 Q2", A, None),
    ("CP-PLANS", "2016/17 Q3", A, IMPROVING),
    ("CP-PLANS", "2016/17 Q4", N, WORSENING),
    ("CP-PLANS", "2017/18 Q1", A, IMPROVING),
    ("ADOPT-DAYS-ENTER", "2016/17 Q4", A, None),
    ("ADOPT-DAYS-ENTER", "2017/18 Q1", A, IMPROVING),
    ("ADOPT-DAYS-MATCH", "2016/17 Q4", A, None),
    ("ADOPT-DAYS-MATCH", "2017/18 Q1", A, IMPROVING),
    ("LAC-16-17-LEARN", "2017/18 Q1", A, None),
    ("CL-SUITABLE-ACCOM", "2016/17 Q4", A, None),
    ("CL-SUITABLE-ACCOM", "2017/18 Q1", Status.NO_DATA, None),
    ("LAC-16-18-LEARN", "2016/17 Q4", N, None),
    ("EYFS-GLD", "2016/17 Q4", A, None),
    ("EYFS-GAP", "2016/17 Q4", N, None),
    ("KS4-EM", "2016/17 Q4", W, None),
    ("KS4-DISADV-GAP", "2016/17 Q4", N, None),
    ("PERM-EXCL-RATE", "2016/17 Q4", N, None),
    ("YJ-VICTIM-ENGAGE", "2016/17 Q4", A, None),
]


@pytest.mark.parametrize(("reference", "period", "status", "travel"), RESOLVED)
def test_demo_figure_gets_the_papers_status_and_direction(
    demo, reference: str, period: str, status: Status, travel: Direction | None
) -> None:
    measure = Measure.objects.with_figures().get(reference=reference)
    position = measure.position_in(Period.parse(period))
    assert position.status is status
    assert position.direction == travel


def test_the_q1_2017_18_report_holds_exactly_the_papers_eight_measures(demo) -> None:
    period = Period.parse("2017/18 Q1")
    due = [m.reference for m in Measure.objects.with_figures() if m.is_due_in(period)]
    assert due == [
        "FTE-YJ",
        "REOFFEND-YJ",
        "LAC-RATE",
        "CP-PLANS",
        "ADOPT-DAYS-ENTER",
        "ADOPT-DAYS-MATCH",
        "LAC-16-17-LEARN",
        "CL-SUITABLE-ACCOM",
    ]


def test_the_annual_measures_are_due_in_2016_17_q4_only(demo) -> None:
    measures = Measure.objects.with_figures().filter(frequency="annual")
    assert len(measures) == 7
    for measure in measures:
        assert measure.is_due_in(Period.parse("2016/17 Q4"))
        assert not measure.is_due_in(Period.parse("2016/17 Q3"))
        assert not measure.is_due_in(Period.parse("2017/18 Q4"))


def test_first_time_entrants_meet_the_target_of_the_year_they_are_reported_in(demo) -> None:
    measure = Measure.objects.with_figures().get(reference="FTE-YJ")
    position = measure.position_in(Period.parse("2017/18 Q1"))
    assert position.figure.covers_label == "January 2016 to December 2016"
    assert (position.target.year, position.target.band_low) == (2017, 183)


def test_demo_figures_are_published_and_record_their_source(demo) -> None:
    figures = Actual.objects.all()
    assert figures.count() == 24
    assert set(figures.values_list("state", flat=True)) == {State.PUBLISHED}
    assert all("Agenda pack" in source for source in figures.values_list("source", flat=True))


def test_comparator_target_shows_its_derivation(demo) -> None:
    target = Measure.objects.get(reference="KS4-EM").targets.get()
    assert target.derivation == "In line with England (63%), tolerance +1 / −2."


def test_loading_the_demo_twice_writes_no_new_history(demo) -> None:
    from measures.demo import load_demo_measures

    before = (Actual.history.count(), Measure.history.count())
    load_demo_measures(
        owners={"quarterly": demo["officer"], "annual": demo["lead"]}, publisher=demo["lead"]
    )
    assert (Actual.history.count(), Measure.history.count()) == before
