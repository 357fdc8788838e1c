"""A NUL character typed or pasted into any form or address is refused, never a 500.

PostgreSQL cannot hold or even compare text with a NUL in it, so each must be stopped first.
"""

import pytest
from django.test import Client

from measures.models import Ambition

pytestmark = pytest.mark.django_db


@pytest.fixture
def browsing(client: Client) -> Client:
    client.raise_request_exception = False
    return client


def test_the_benchmark_search_refuses_a_nul_character_with_a_message(browsing: Client, lac_rate):
    response = browsing.get("/benchmarks/", {"q": "looked\x00after"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Null characters are not allowed." in page
    assert lac_rate.title in page  # the list is shown unfiltered


def test_comparing_an_area_whose_code_holds_a_nul_shows_our_own(browsing: Client, lac_rate):
    response = browsing.get(f"/benchmarks/{lac_rate.slug}/", {"area": "92\x005"})

    assert response.status_code == 200


def test_a_measure_address_holding_a_nul_is_not_found(browsing: Client, demo) -> None:
    assert browsing.get("/measures/LAC\x00RATE/").status_code == 404


def test_an_admin_form_refuses_a_nul_character_and_saves_nothing(
    browsing: Client, admin_user
) -> None:
    browsing.force_login(admin_user)

    response = browsing.post("/admin/measures/ambition/add/", {"name": "Safe\x00", "order": 1})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not Ambition.objects.exists()


def test_the_sign_in_form_refuses_a_nul_character(browsing: Client) -> None:
    response = browsing.post("/sign-in/", {"username": "officer\x00", "password": "x\x00"})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
