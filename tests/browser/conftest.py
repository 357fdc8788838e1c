"""Browser tests build data with the same make_* builders as the measures tests."""

from tests.measures.conftest import (  # noqa: F401
    make_actual,
    make_ambition,
    make_measure,
    make_outcome,
    make_target,
)
