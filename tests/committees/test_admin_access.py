"""In the admin, officers and performance leads read neither exempt papers nor drafts."""

import pytest
from django.test import Client

from committees.models import Action, AgendaItem, Meeting, Paper
from scrutiny.roles import Role
from tests.committees.conftest import EXEMPT_TEXT

pytestmark = pytest.mark.django_db

READERS = [Role.OFFICER, Role.PERFORMANCE_LEAD]


def item_page(meeting: Meeting) -> str:
    return f"/admin/committees/agendaitem/{AgendaItem.objects.get(meeting=meeting).pk}/change/"


@pytest.mark.parametrize("role", READERS)
def test_staff_without_the_permission_see_the_exempt_statement_not_the_paper(
    client: Client, exempt_meeting: Meeting, make_user, role: Role
) -> None:
    client.force_login(make_user(username="staff", role=role))
    response = client.get(item_page(exempt_meeting))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Public text." in page  # the public report, read-only
    assert EXEMPT_TEXT not in page
    assert "Contract performance" not in page  # not even the exempt paper's title
    assert "Exempt: information under paragraph 3" in page
    exempt = Paper.objects.get(item__meeting=exempt_meeting, exempt_paragraph=3)
    assert str(exempt.key) not in page and "/media/" not in page  # no link to its file


def test_scrutiny_officers_read_exempt_papers_in_the_admin(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    page = client.get(item_page(exempt_meeting)).content.decode()
    assert EXEMPT_TEXT in page and "withheld" not in page


@pytest.mark.parametrize("role", READERS)
def test_staff_do_not_see_an_unpublished_agenda_in_the_admin(
    client: Client, draft_meeting: Meeting, make_user, role: Role
) -> None:
    item = AgendaItem.objects.get(meeting=draft_meeting)
    action = Action.objects.create(item=item, what="Chase the draft figures")
    client.force_login(make_user(username="staff", role=role))
    listing = client.get("/admin/committees/agendaitem/").content.decode()
    assert "Performance - Quarter 1 2017/18" not in listing
    search = client.get("/admin/committees/agendaitem/", {"q": "Performance"}).content.decode()
    assert "Performance - Quarter 1 2017/18" not in search
    change = client.get(item_page(draft_meeting), follow=True).content.decode()
    assert "Public text." not in change and EXEMPT_TEXT not in change
    meeting = client.get(f"/admin/committees/meeting/{draft_meeting.pk}/change/").content.decode()
    assert "Performance - Quarter 1 2017/18" not in meeting
    assert "Not published" in meeting
    actions = client.get("/admin/committees/action/").content.decode()
    assert "Chase the draft figures" not in actions
    history = client.get(f"/admin/committees/action/{action.pk}/history/")
    assert history.status_code in (403, 404)
    assert "Chase the draft figures" not in history.content.decode()


@pytest.mark.parametrize("role", READERS)
def test_once_published_staff_read_the_agenda_in_the_admin(
    client: Client, exempt_meeting: Meeting, make_user, role: Role
) -> None:
    client.force_login(make_user(username="staff", role=role))
    listing = client.get("/admin/committees/agendaitem/").content.decode()
    assert "Performance - Quarter 1 2017/18" in listing
    meeting = client.get(f"/admin/committees/meeting/{exempt_meeting.pk}/change/").content.decode()
    assert "Performance - Quarter 1 2017/18" in meeting


@pytest.mark.parametrize(("role", "reads"), [(Role.OFFICER, False), (Role.SCRUTINY_OFFICER, True)])
def test_an_exempt_minute_is_read_in_the_admin_only_by_those_entitled(
    client: Client, exempt_meeting: Meeting, make_user, role: Role, reads: bool
) -> None:
    from committees.models import Minute
    from committees.publication import publish_minutes

    item = AgendaItem.objects.get(meeting=exempt_meeting)
    Minute.objects.create(item=item, text="The providers' bids were compared.", exempt_paragraph=3)
    publish_minutes(meeting=exempt_meeting, user=None)
    client.force_login(make_user(username="staff", role=role))
    page = client.get(item_page(exempt_meeting)).content.decode()
    assert ("The providers&#x27; bids were compared." in page) is reads
