"""Scrutiny officers build packs from the meeting's admin page (in the worker); others cannot."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from committees.models import Meeting, Pack, PackBuild, Paper
from scrutiny.roles import Role
from tests.committees.packs.pack_support import deep_pdf, encrypted_pdf
from tests.worker_support import run_worker

pytestmark = pytest.mark.django_db


def build_url(meeting: Meeting) -> str:
    return f"/admin/committees/meeting/{meeting.pk}/build-pack/"


def change_url(meeting: Meeting) -> str:
    return f"/admin/committees/meeting/{meeting.pk}/change/"


def build_in_the_worker(client: Client, meeting: Meeting, version: str) -> str:
    """Press the build button, let the worker build it, and read the meeting's page again."""
    client.post(build_url(meeting), {"version": version})
    run_worker()
    return client.get(change_url(meeting)).content.decode()


def test_the_build_button_queues_the_build_and_returns_at_once(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    officer = make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    client.force_login(officer)
    change = client.get(change_url(exempt_meeting)).content.decode()
    assert "Build the public agenda pack" in change
    assert "Build the full (with exempt information) agenda pack" in change
    assert "No pack has been built from this page yet." in change
    assert "data-refresh" not in change  # nothing to follow, so nothing fetched again

    response = client.post(build_url(exempt_meeting), {"version": "public"}, follow=True)
    page = response.content.decode()
    assert "The public pack is queued" in page
    assert not Pack.objects.exists()  # nothing is built in the request
    build = PackBuild.objects.get(meeting=exempt_meeting)
    assert (build.version, build.state, build.requested_by) == ("public", "queued", officer)
    assert "Waiting for the worker." in page
    assert 'data-refresh="3"' in page  # the list is fetched again while the build waits


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_a_scrutiny_officer_s_build_is_done_in_the_worker_with_a_link_to_the_pack(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    officer = make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER)
    client.force_login(officer)
    page = build_in_the_worker(client, exempt_meeting, "public")
    pack = Pack.objects.get(meeting=exempt_meeting)
    assert pack.version == "public"
    assert pack.built_by == officer
    assert f"Built: {pack.pages} pages." in page
    assert f"/committees/{exempt_meeting.committee.slug}/2017-09-08/pack/public.pdf" in page
    assert "Yes (PDF/UA)" in page  # the packs listed on the meeting, with their tagging
    assert "data-refresh" not in page  # nothing running: the list stops being fetched


def test_the_builds_list_alone_is_what_the_page_fetches_while_one_runs(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    build = PackBuild.objects.create(meeting=exempt_meeting, version="full")
    build.start(worker="lincoln-1")
    build.report("Drawing 3 charts")
    response = client.get(f"/admin/committees/meeting/{exempt_meeting.pk}/pack-builds/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # the admin's own: never kept
    page = response.content.decode()
    assert "Running" in page and "Drawing 3 charts…" in page
    assert "<html" not in page  # the list, not a whole page

    build.fail("Appendix E of item 8 (Scanned letter) is password-protected.")
    page = client.get(f"/admin/committees/meeting/{exempt_meeting.pk}/pack-builds/").content
    assert b"Not built: Appendix E of item 8 (Scanned letter) is password-protected." in page
    assert b"data-refresh" not in page


def test_the_builds_list_is_for_the_admin_s_users_only(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    client.force_login(make_user(username="member", role=Role.COMMITTEE_MEMBER))
    response = client.get(f"/admin/committees/meeting/{exempt_meeting.pk}/pack-builds/")
    assert response.status_code == 302  # not staff: sent to the admin's sign-in
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db(transaction=True)
def test_a_failed_build_says_why_and_stores_nothing(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    exempt_meeting.items.all().delete()
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    page = build_in_the_worker(client, exempt_meeting, "public")
    assert "<strong>Failed</strong>" in page
    assert "Not built: " in page and "has no papers yet" in page
    assert not Pack.objects.exists()


def test_an_unknown_version_is_refused_at_once(
    client: Client, exempt_meeting: Meeting, make_user
) -> None:
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    response = client.post(build_url(exempt_meeting), {"version": "draft"}, follow=True)
    assert "The pack was not built: A pack is either public or full" in response.content.decode()
    assert not PackBuild.objects.exists()


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
    assert not PackBuild.objects.exists()


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
@pytest.mark.django_db(transaction=True)
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
    page = build_in_the_worker(client, exempt_meeting, "full")
    assert "Not built: Appendix E of item 8 (Scanned letter)" in page
    assert said in page
    assert not Pack.objects.exists()
