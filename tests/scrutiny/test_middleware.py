"""Over-long query strings are cut to size: never a 500, on any page that searches."""

import pytest
from django.http import QueryDict
from django.test import Client

from scrutiny.middleware import MAX_SEARCH_LENGTH, MAX_VALUE_LENGTH, capped

pytestmark = pytest.mark.django_db

LONG = "looked after " * 5_000  # 65,000 characters


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=looked+after", None),
        (f"q={'a' * 201}", {"q": ["a" * MAX_SEARCH_LENGTH]}),
        (f"period={'b' * 1001}&q=x", {"period": ["b" * MAX_VALUE_LENGTH], "q": ["x"]}),
        (f"status=rag-red&status={'c' * 5000}", {"status": ["rag-red", "c" * 1000]}),
        ("", None),
    ],
)
def test_values_over_their_limit_are_cut_and_the_rest_kept(query, expected) -> None:
    result = capped(QueryDict(query))
    assert (None if result is None else dict(result.lists())) == expected


def test_a_60000_character_benchmark_search_is_capped_not_a_500(client: Client, lac_rate) -> None:
    response = client.get("/benchmarks/", {"q": LONG})
    assert response.status_code == 200
    assert response.context["query"] == LONG[:MAX_SEARCH_LENGTH].strip()
    assert "No indicators match" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/measures/LAC-RATE/",
        "/committees/meetings/",
        "/admin/measures/measure/",
        "/admin/committees/meeting/",
        "/admin/measures/area/",
    ],
)
def test_every_free_text_parameter_is_capped(client: Client, demo, path: str) -> None:
    client.force_login(demo["lead"])
    for name in ("q", "period", "area", "status", "owner"):
        response = client.get(path, {name: LONG})
        assert response.status_code < 500, (path, name)
