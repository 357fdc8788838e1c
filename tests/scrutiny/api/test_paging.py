"""CSV cells and pages of the API's lists."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from scrutiny.api.paging import cell, flatten, page_of, rows_as_csv


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (Decimal("48.70"), "48.70"),
        (Decimal("1E+2"), "100"),
        (date(2017, 9, 8), "2017-09-08"),
        (datetime(2017, 8, 31, 8, tzinfo=UTC), "2017-08-31T08:00:00+00:00"),
        (["one", "two"], "one; two"),
        ([], ""),
        ("plain", "plain"),
    ],
)
def test_a_value_becomes_one_csv_cell(value, text):
    assert cell(value) == text


def test_nested_objects_become_dotted_columns_and_lists_one_cell():
    row = {"id": 1, "area": {"name": "Lincolnshire", "code": "E10000019"}, "tags": ["a", "b"]}
    assert flatten(row) == {
        "id": "1",
        "area.name": "Lincolnshire",
        "area.code": "E10000019",
        "tags": "a; b",
    }


@pytest.mark.parametrize(
    ("fetched", "limit", "page", "more"),
    [([1, 2, 3], 2, [1, 2], True), ([1, 2], 2, [1, 2], False), ([], 5, [], False)],
)
def test_a_page_is_the_first_rows_and_says_whether_more_follow(fetched, limit, page, more):
    assert page_of(fetched, limit) == (page, more)


def test_csv_names_its_columns_with_no_rows_and_never_starts_a_formula():
    assert rows_as_csv([], ["id", "title"]) == "id,title\n"
    text = rows_as_csv([{"id": 1, "title": "=HYPERLINK(1)"}], ["id", "title"])
    assert text.splitlines()[1] == "1,'=HYPERLINK(1)"
