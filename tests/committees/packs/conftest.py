"""Pack tests build measures for the generated appendix with the measures tests' builders."""

from tests.measures.conftest import (  # noqa: F401
    make_actual,
    make_ambition,
    make_measure,
    make_outcome,
    make_target,
)
