"""The demo's committee shows a change of each kind since its last meeting, marked as demo data."""

import pytest
from django.test import Client

from committees.demo import COMMITTEE, load_demo_changes, load_demo_committees
from committees.models import ActionUpdate, Paper
from measures.models import Actual
from tests.committees.test_since import section

pytestmark = pytest.mark.django_db

# What the page lists under each heading; the paper and the update say they are demo data.
SINCE = {
    "Figures published": ["Looked after children: 2016/17 Q3", "Looked after children: 2016/17 Q2"],
    "Statuses changed": [
        "Looked after children: Achieved to Not achieved",
        "2016/17 Q2 to 2016/17 Q3",
    ],
    "Papers published": [
        "Appendix E: Exclusions figures: why the Department for Education",
        "(demo data)",
    ],
    "Actions updated": [
        "Look into why Department for Education data",
        "answer is published as Appendix E to item 8 of 8 September 2017 (demo data)",
    ],
}


def test_the_demos_since_the_last_meeting_lists_a_change_of_each_kind(client: Client, demo) -> None:
    load_demo_committees()
    load_demo_changes(publisher=demo["lead"])
    counts = (Actual.objects.count(), Paper.objects.count(), ActionUpdate.objects.count())
    load_demo_changes(publisher=demo["lead"])  # twice: nothing more
    assert (Actual.objects.count(), Paper.objects.count(), ActionUpdate.objects.count()) == counts

    page = client.get(f"/committees/{COMMITTEE}/since-last-meeting/").content.decode()
    for heading, lines in SINCE.items():
        for line in lines:
            assert line in section(page, heading), (heading, line)
    # An invented figure's commentary, shown with it, says so too.
    figure = Actual.objects.get(measure__reference="LAC-RATE", year=2016, quarter=3)
    assert figure.commentary.startswith("Demo data, not from the council's papers")
