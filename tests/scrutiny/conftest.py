"""The sign-in tests use the committees' meeting builders."""

from tests.committees.conftest import (  # noqa: F401
    draft_meeting,
    exempt_meeting,
    make_committee,
    make_person,
)
