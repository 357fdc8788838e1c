"""Pack tests: the measures tests' builders, and the demo meeting's packs built once per session."""

from typing import Any

import pytest

from tests.committees.packs.pack_support import (
    DemoPacks,
    build_demo_packs,
    measures_of_the_quarter,
)
from tests.measures.conftest import (  # noqa: F401
    make_actual,
    make_ambition,
    make_measure,
    make_outcome,
    make_target,
)


@pytest.fixture(scope="session")
def demo_packs(django_db_setup: None, django_db_blocker: Any) -> DemoPacks:
    """The public and full packs of 8 September 2017, read back; the database left as it was."""
    return build_demo_packs(django_db_blocker, capture=measures_of_the_quarter)
