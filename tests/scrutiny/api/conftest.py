"""The API's tests build data with the committees and measures builders."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from tests.committees.conftest import (  # noqa: F401
    draft_meeting,
    exempt_meeting,
    make_committee,
    make_person,
)
from tests.measures.conftest import (  # noqa: F401
    make_actual,
    make_ambition,
    make_measure,
    make_outcome,
    make_target,
)


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> Iterator[None]:
    """Each test starts with no requests counted against its address."""
    cache.clear()
    yield
    cache.clear()
