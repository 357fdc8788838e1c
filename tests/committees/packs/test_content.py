"""What the pack prints, collected before layout: the cover and the performance appendix."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import override_settings

from committees.models import AgendaItem, Meeting
from committees.packs.content import collect_pack, performance_measures
from measures.models import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def performance_item(exempt_meeting: Meeting) -> AgendaItem:
    item = exempt_meeting.items.get(number=8)
    item.period = "2017/18 Q1"
    item.save()
    return item


def test_appendix_a_has_a_measure_without_a_target_reported_in_the_quarter_as_not_rated(
    performance_item: AgendaItem, make_measure, make_target, make_actual
) -> None:
    rated = make_measure("LAC-RATE")
    make_target(rated)
    make_actual(rated, period="2017/18 Q1", value=Decimal("48.7"), state=State.PUBLISHED)
    untargeted = make_measure("CIN-RATE", title="Children in need rate")
    make_actual(untargeted, period="2017/18 Q1", value=Decimal("312.4"), state=State.PUBLISHED)
    quiet = make_measure("CIN-COUNT", title="Children in need")  # no target, no figure
    make_actual(quiet, period="2016/17 Q4", value=Decimal("4100"), state=State.PUBLISHED)

    pages = {page.measure.reference: page for page in performance_measures(performance_item)}

    assert set(pages) == {"LAC-RATE", "CIN-RATE"}
    assert pages["CIN-RATE"].position.status.label == "Not rated"
    assert pages["CIN-RATE"].figure_text == "312.4 per 10,000"
    assert pages["LAC-RATE"].position.status.label == "Not achieved"


def test_the_cover_prints_the_council_named_in_the_settings_when_the_pack_is_collected(
    exempt_meeting: Meeting,
) -> None:
    with override_settings(
        COUNCIL_NAME="Rutland County Council",
        COUNCIL_ADDRESS=["Catmose", "Oakham", "LE15 6HP"],
        CHIEF_EXECUTIVE="Mark Andrews",
    ):
        pack = collect_pack(meeting=exempt_meeting, full=False)
    cover = render_to_string("committees/pack/_cover.html", {"pack": pack, "pdf": True})

    assert '<h1 class="cover-council">Rutland County Council</h1>' in cover
    assert "Catmose<br>Oakham<br>LE15 6HP<br>" in cover
    assert "<p>Mark Andrews<br>Chief Executive</p>" in cover
    assert "Lincolnshire" not in cover
