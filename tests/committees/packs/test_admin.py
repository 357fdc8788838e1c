"""Scrutiny officers build packs from the meeting's admin page; others cannot."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from committees.models import Meeting, Pack, Paper
from scrutiny.roles import Role
from tests.committees.packs.pack_support import deep_pdf, encrypted_pdf

pytestmark = pytest.mark.django_db


def build_url(meeting: Meeting) -> str:
    return f"/admin/committees/meeting/{meeting.pk}/build-pack/"


def test_a_scrutiny_officer_builds_a_pack_and_gets_a_link_to_it(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    officer = make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    client.force_login(officer)
    change = client.get(f"/admin/committees/meeting/{exempt_meeting.pk}/change/").content.decode()
    assert "Build the public agenda pack" in change
    assert "Build the full (with exempt information) agenda pack" in change

    response = client.post(build_url(exempt_meeting), {"version": "public"}, follow=True)
    pack = Pack.objects.get(meeting=exempt_meeting)
    assert pack.version == "public"
    assert pack.built_by == officer
    page = response.content.decode()
    assert f"Built the public pack: {pack.pages} pages." in page
    assert f"/committees/{exempt_meeting.committee.slug}/2017-09-08/pack/public.pdf" in page
    assert "Yes (PDF/UA)" in page  # the packs listed on the meeting, with their tagging


def test_the_meeting_lists_its_builds_and_marks_them_out_of_date_after_a_change(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    from committees.models import Paper
    from committees.packs.build import build_pack

    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    build_pack(meeting=exempt_meeting, version="public")
    change = f"/admin/committees/meeting/{exempt_meeting.pk}/change/"
    assert "No: a paper or figure has changed since" not in client.get(change).content.decode()

    Paper.objects.filter(item__meeting=exempt_meeting, kind="report").update(text="Revised.")
    assert "No: a paper or figure has changed since" in client.get(change).content.decode()


def test_a_failed_build_says_why_and_stores_nothing(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    exempt_meeting.items.all().delete()
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    response = client.post(build_url(exempt_meeting), {"version": "public"}, follow=True)
    assert "The pack was not built" in response.content.decode()
    assert "has no papers yet" in response.content.decode()
    assert not Pack.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.OFFICER, 403),
        (Role.PERFORMANCE_LEAD, 403),
        (Role.COMMITTEE_MEMBER, 302),  # not staff: sent to the admin's sign-in
        (None, 302),
    ],
)
def test_only_scrutiny_officers_may_build_packs(
    client: Client, exempt_meeting: Meeting, make_user, role: Role | None, status: int
) -> None:
    if role:
        client.force_login(make_user(username="someone", role=role))
    response = client.post(build_url(exempt_meeting), {"version": "public"})
    assert response.status_code == status
    assert not Pack.objects.exists()


def test_building_needs_a_post(client: Client, exempt_meeting: Meeting, make_user) -> None:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    assert client.get(build_url(exempt_meeting)).status_code == 405


@pytest.mark.parametrize(
    ("make", "said"),
    [
        pytest.param(encrypted_pdf, "is password-protected", id="aes-encrypted"),
        pytest.param(lambda: deep_pdf(2000), "nested more than 100 levels deep", id="2000-deep"),
    ],
)
def test_an_upload_the_pack_cannot_take_is_a_message_in_the_admin_not_a_500(
    client: Client, exempt_meeting: Meeting, make_user, make, said
) -> None:
    """Uploaded before today's checks, or saved by a path that skipped them."""
    item = exempt_meeting.items.get(number=8)
    Paper.objects.create(
        item=item,
        kind="appendix",
        letter="E",
        title="Scanned letter",
        file=ContentFile(make(), name="letter.pdf"),
    )
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    response = client.post(build_url(exempt_meeting), {"version": "full"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The pack was not built: Appendix E of item 8 (Scanned letter)" in page
    assert said in page
    assert not Pack.objects.exists()
