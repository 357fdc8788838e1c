"""Committees in the admin and on their pages: opening items, papers, uploads, addresses."""

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client

from committees.models import (
    OPENING_ITEMS,
    AgendaItem,
    Meeting,
    Membership,
    Paper,
    validate_pdf,
)
from scrutiny.roles import Role
from tests.committees.packs.pack_support import pdf_of_pages

pytestmark = pytest.mark.django_db


def test_a_new_meeting_gets_the_standard_opening_items(
    client: Client, make_committee, make_user
) -> None:
    committee = make_committee()
    july = Meeting.objects.create(committee=committee, date=date(2017, 7, 21))
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    response = client.post(
        "/admin/committees/meeting/add/",
        {
            "committee": committee.pk,
            "date": "2017-10-20",
            "sequence": 1,
            "start": "10:00",
            "venue": "Committee Room One",
            "state": "scheduled",
            "items-TOTAL_FORMS": 0,
            "items-INITIAL_FORMS": 0,
            "attendance-TOTAL_FORMS": 0,
            "attendance-INITIAL_FORMS": 0,
            "packs-TOTAL_FORMS": 0,
            "packs-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(committee=committee, date=date(2017, 10, 20))
    assert [i.title for i in meeting.items.order_by("number")] == OPENING_ITEMS
    # The minutes item prints the previous meeting's minutes in the pack.
    assert meeting.items.get(number=3).minutes_of == july


def test_typed_agenda_rows_win_over_the_opening_items_on_a_new_meeting(
    client: Client, make_committee, make_user
) -> None:
    committee = make_committee()
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    rows = [
        ("1", "Election of Chairman"),
        ("3", "Minutes of the meeting held on 8 September 2017"),
        ("5", "Performance - Quarter 2 2017/18"),
    ]
    data = {
        "committee": committee.pk,
        "date": "20/10/2017",
        "sequence": 1,
        "start": "10:00",
        "venue": "Committee Room One",
        "state": "scheduled",
        "items-TOTAL_FORMS": len(rows),
        "items-INITIAL_FORMS": 0,
        "attendance-TOTAL_FORMS": 0,
        "attendance-INITIAL_FORMS": 0,
        "packs-TOTAL_FORMS": 0,
        "packs-INITIAL_FORMS": 0,
    }
    for index, (number, title) in enumerate(rows):
        data |= {
            f"items-{index}-number": number,
            f"items-{index}-title": title,
            f"items-{index}-purpose": "procedural",
        }
    response = client.post("/admin/committees/meeting/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(committee=committee, date=date(2017, 10, 20))
    assert [(i.number, i.title) for i in meeting.items.order_by("number")] == [
        (1, "Election of Chairman"),
        (2, OPENING_ITEMS[1]),
        (3, "Minutes of the meeting held on 8 September 2017"),
        (4, OPENING_ITEMS[3]),
        (5, "Performance - Quarter 2 2017/18"),
    ]


def test_two_typed_rows_with_one_number_are_a_form_error_that_keeps_them(
    client: Client, make_committee, make_user
) -> None:
    committee = make_committee()
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    data = {
        "committee": committee.pk,
        "date": "20/10/2017",
        "sequence": 1,
        "state": "scheduled",
        "items-TOTAL_FORMS": 2,
        "items-INITIAL_FORMS": 0,
        "items-0-number": "5",
        "items-0-title": "Performance - Quarter 2 2017/18",
        "items-0-purpose": "procedural",
        "items-1-number": "5",
        "items-1-title": "Work programme",
        "items-1-purpose": "procedural",
        "attendance-TOTAL_FORMS": 0,
        "attendance-INITIAL_FORMS": 0,
        "packs-TOTAL_FORMS": 0,
        "packs-INITIAL_FORMS": 0,
    }
    response = client.post("/admin/committees/meeting/add/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the duplicate data for number" in page
    assert "Performance - Quarter 2 2017/18" in page and "Work programme" in page
    assert not Meeting.objects.filter(committee=committee).exists()


def test_only_scrutiny_officers_manage_meetings(client: Client, make_user) -> None:
    client.force_login(make_user(username="officer", role=Role.OFFICER))
    assert client.get("/admin/committees/meeting/add/").status_code == 403
    assert client.get("/admin/committees/meeting/").status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.pdf", b"This is a text file renamed to .pdf", "This file is not a PDF"),
        ("report.pdf", b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024), "papers can be at most 20 MB"),
        ("report.pdf", b"%PDF-1.4\n%%EOF\n", "This file is not a PDF the pack can read"),
    ],
)
def test_uploads_must_be_real_pdfs_within_the_limit(name, content, message) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_pdf(SimpleUploadedFile(name, content))


def test_a_real_pdf_is_accepted() -> None:
    validate_pdf(SimpleUploadedFile("report.pdf", pdf_of_pages("A real report")))


def test_meeting_address_is_its_date_and_a_second_meeting_gets_a_suffix(
    client: Client, exempt_meeting
) -> None:
    second = Meeting.objects.create(
        committee=exempt_meeting.committee, date=exempt_meeting.date, sequence=2
    )
    slug = exempt_meeting.committee.slug
    assert exempt_meeting.get_absolute_url() == f"/committees/{slug}/2017-09-08/"
    assert second.get_absolute_url() == f"/committees/{slug}/2017-09-08-2/"
    assert client.get(second.get_absolute_url()).status_code == 200
    assert client.get(f"/committees/{slug}/2017-13-45/").status_code == 404


def test_committee_page_lists_current_members_only(
    client: Client, exempt_meeting, make_person
) -> None:
    committee = exempt_meeting.committee
    make_person("Mrs J M Renshaw", committee=committee)
    former = make_person("Mr Paul Thompson", committee=committee, kind="added_member")
    Membership.objects.filter(person=former).update(end=date(2017, 7, 20))
    page = client.get(committee.get_absolute_url()).content.decode()
    assert "Mrs J M Renshaw" in page and "Mr Paul Thompson" not in page


def test_public_papers_open_and_exempt_ones_show_the_statement(
    client: Client, exempt_meeting
) -> None:
    page = client.get(exempt_meeting.get_absolute_url()).content.decode()
    report = Paper.objects.get(kind="report")
    assert report.get_absolute_url() in page
    assert "Public text." in client.get(report.get_absolute_url()).content.decode()
    assert "Appendix D – <strong>Exempt: information under paragraph 3" in page


def test_the_dashboard_filters_by_the_measures_a_committee_scrutinises(
    client: Client, demo, make_committee
) -> None:
    import csv
    import io

    from measures.models import Measure

    committee = make_committee()
    committee.measures.set(Measure.objects.filter(reference__in=["LAC-RATE", "CP-PLANS"]))
    text = client.get("/dashboard.csv", {"committee": committee.pk}).content.decode()
    assert [row["measure"] for row in csv.DictReader(io.StringIO(text))] == ["LAC-RATE", "CP-PLANS"]
    assert "Committee" in client.get("/").content.decode()


def test_work_programme_entries_move_onto_their_meetings_agenda(
    client: Client, exempt_meeting, make_user
) -> None:
    from committees.models import WorkProgrammeItem

    entry = WorkProgrammeItem.objects.create(
        committee=exempt_meeting.committee,
        meeting=exempt_meeting,
        title="Partners in Practice Programme",
        contributor="Tara Jones",
        purpose="Policy Review",
    )
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    client.post(
        "/admin/committees/workprogrammeitem/",
        {"action": "add_to_agenda", "_selected_action": [entry.pk]},
    )
    entry.refresh_from_db()
    assert entry.agenda_item.number == 9 and entry.agenda_item.purpose == "Policy Review"
    assert entry.agenda_item.meeting == exempt_meeting


def test_attendance_is_listed_from_the_membership_on_the_day(
    client: Client, exempt_meeting, make_person, make_user
) -> None:
    make_person("Mrs J M Renshaw", committee=exempt_meeting.committee)
    left = make_person("Mr Paul Thompson", committee=exempt_meeting.committee)
    Membership.objects.filter(person=left).update(end=date(2017, 7, 20))
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    client.post(
        "/admin/committees/meeting/",
        {"action": "record_attendance_from_membership", "_selected_action": [exempt_meeting.pk]},
    )
    names = set(exempt_meeting.attendance.values_list("person__name", flat=True))
    assert names == {"Mrs J M Renshaw"}


def test_an_uploaded_exempt_pdf_is_served_only_to_those_entitled(
    client: Client, exempt_meeting, make_user, settings, tmp_path
) -> None:
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    paper = Paper.objects.get(exempt_paragraph=3)
    paper.file.save("secret.pdf", ContentFile(b"%PDF-1.4\nExempt contract figures\n%%EOF\n"))
    assert "secret" not in paper.file.name  # no guessable path
    url = paper.get_absolute_url()
    public = client.get(url)
    assert public.status_code == 403 and b"Exempt contract figures" not in public.content
    assert client.get(f"/media/{paper.file.name}").status_code == 404
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"Exempt contract figures" in b"".join(response.streaming_content)


def _item_form(client: Client, item: AgendaItem) -> dict[str, list[str]]:
    from tests.scrutiny.form_reader import read_form, submission

    url = f"/admin/committees/agendaitem/{item.pk}/change/"
    return submission(read_form(client.get(url).content.decode()))


def _with_new_paper(data: dict, letter: str, title: str) -> dict:
    index = int(data["papers-TOTAL_FORMS"][0])
    return {
        **data,
        "papers-TOTAL_FORMS": [str(index + 1)],
        f"papers-{index}-kind": ["appendix"],
        f"papers-{index}-letter": [letter],
        f"papers-{index}-title": [title],
        f"papers-{index}-text": [""],
        f"papers-{index}-generated": [""],
        f"papers-{index}-exempt_paragraph": [""],
    }


def _stored_papers(settings) -> set[str]:
    folder = Path(settings.MEDIA_ROOT) / "papers"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def test_a_second_appendix_with_a_used_letter_is_a_form_error_and_leaves_no_file(
    client: Client, exempt_meeting, make_user, settings
) -> None:
    item = exempt_meeting.items.get(number=8)
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    data = _with_new_paper(_item_form(client, item), "D", "Contract performance, revised")
    index = int(data["papers-TOTAL_FORMS"][0]) - 1
    upload = SimpleUploadedFile("revised.pdf", pdf_of_pages("Revised"), "application/pdf")
    before = _stored_papers(settings)
    response = client.post(
        f"/admin/committees/agendaitem/{item.pk}/change/",
        {**data, f"papers-{index}-file": upload},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Another row has the same letter" in page
    assert "Contract performance, revised" in page  # what was typed is still there
    assert item.papers.count() == 2
    assert _stored_papers(settings) == before


def test_two_new_appendices_with_one_letter_are_a_form_error(
    client: Client, exempt_meeting, make_user
) -> None:
    item = exempt_meeting.items.get(number=8)
    client.force_login(make_user(username="scrutiny", role=Role.SCRUTINY_OFFICER))
    data = _with_new_paper(_item_form(client, item), "E", "Placements")
    data = _with_new_paper(data, "E", "Placement costs")
    response = client.post(f"/admin/committees/agendaitem/{item.pk}/change/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Another row has the same letter" in page
    assert "Placements" in page and "Placement costs" in page
    assert item.papers.count() == 2


def test_a_paper_whose_save_fails_takes_its_new_file_with_it(exempt_meeting, settings) -> None:
    item = exempt_meeting.items.get(number=8)
    before = _stored_papers(settings)
    clash = Paper(
        item=item,
        kind="appendix",
        letter="D",
        title="A second D",
        file=SimpleUploadedFile("d.pdf", b"%PDF-1.7\n%%EOF\n"),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()
    assert _stored_papers(settings) == before
