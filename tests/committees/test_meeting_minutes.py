"""The meeting page prints the minutes as the council printed them: attendance with roles,
each decision in its place, and the closing time (the demo's minutes of 21 July 2017)."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from committees.demo import load_demo_committees
from committees.models import Meeting

pytestmark = pytest.mark.django_db

# The seed's minutes of 21 July 2017 (001_5e1a7b0764d8a0b9.txt, page 5), line by line.
ATTENDANCE = [
    "PRESENT: COUNCILLOR R L FOULKES (CHAIRMAN)",
    "Councillors R J Kendrick (Vice-Chairman), Mrs W Bowkett, S R Dodds, C Matthews, "
    "Mrs C L Perraton-Williams, L Wootten and R Wootten.",
    "Added Members",
    "Church Representative: Mr S C Rudman.",
    "Councillors: Mrs P A Bradwell (Executive Councillor for Adult Care, Health and "
    "Children's Services) and D Brailsford (Executive Support Councillor for Children's "
    "Services) were also in attendance.",
    "Officers in attendance:-",
    "Debbie Barnes (Executive Director, Children's Services), Katrina Cope (Senior Democratic "
    "Services Officer), Tracy Johnson (Senior Scrutiny Officer) and Mary Meredith (Head of "
    "Children's Service Manager, Inclusion).",
]


@pytest.fixture
def july_page(client: Client) -> str:
    load_demo_committees()
    july = Meeting.objects.get(date="2017-07-21")
    return html.unescape(client.get(july.get_absolute_url()).content.decode())


def test_the_attendance_prints_with_roles_in_the_councils_order(july_page: str) -> None:
    places = [july_page.index(line) for line in ATTENDANCE]
    assert places == sorted(places)


def test_the_motion_moved_and_seconded_prints_in_its_place(july_page: str) -> None:
    moved = july_page.index("it was moved, seconded and")
    excluded = july_page.index("That in accordance with Section 100(A)")
    questions = july_page.index("The Chairman invited Members of the Committee to ask questions")
    received = july_page.index("That the Performance for Quarter 4 2016/17 be received")
    assert moved < excluded < questions < received


def test_the_minutes_end_with_the_closing_time(july_page: str) -> None:
    closed = july_page.index("The meeting closed at 11.55 am")
    assert closed > july_page.index("That the work programme as detailed in Appendix A")
