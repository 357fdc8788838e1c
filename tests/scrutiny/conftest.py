"""Tests of the shared admin parts build data with the measures and committees builders."""

from tests.committees.conftest import make_committee, make_person  # noqa: F401
from tests.measures.conftest import (  # noqa: F401
    make_actual,
    make_ambition,
    make_measure,
    make_outcome,
    make_target,
)
