"""The shared parts' tests (admin, sign-in) use the measures and committees builders."""

from tests.committees.conftest import (  # noqa: F401
    draft_meeting,
    exempt_meeting,
    make_committee,
    make_person,
    make_recommendation,
)
from tests.measures.conftest import (  # noqa: F401
    make_actual,
    make_ambition,
    make_measure,
    make_outcome,
    make_target,
)
