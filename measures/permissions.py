"""Which permissions on measures each role holds."""

from typing import Any

from django.apps import apps as global_apps

from scrutiny.roles import grant

MODELS = ["ambition", "outcome", "measure", "target", "targetchange", "actual"]
BENCHMARK_MODELS = [
    "area",
    "comparatorgroup",
    "groupmember",
    "groupvalue",
    "benchmarkindicator",
    "benchmarkvalue",
    "measurebenchmark",
]
# Officers define custom comparator groups and link their measures to national indicators.
OFFICER_BENCHMARKING = [
    f"{action}_{m}"
    for m in ("comparatorgroup", "groupmember", "groupvalue", "measurebenchmark")
    for action in ("add", "change")
]

GRANTS: dict[str, list[str]] = {
    # Officers keep their own measures' texts, targets and figures, and submit figures;
    # a change to a target already rating published figures waits for a lead's approval.
    "Officer": [
        *(f"view_{m}" for m in MODELS),
        "change_measure",
        "add_target",
        "change_target",
        "add_actual",
        "change_actual",
        "submit_actual",
        *(f"view_{m}" for m in BENCHMARK_MODELS),
        *OFFICER_BENCHMARKING,
    ],
    "Performance lead": [
        *(
            f"{action}_{m}"
            for m in [*MODELS, *BENCHMARK_MODELS]
            for action in ("add", "change", "delete", "view")
        ),
        "submit_actual",
        "approve_actual",
        "publish_actual",
        "approve_targetchange",
    ],
    "Scrutiny officer": [f"view_{m}" for m in [*MODELS, *BENCHMARK_MODELS]],
}


def grant_role_permissions(*, apps: Any = global_apps) -> None:
    """Give each role its measures permissions (idempotent; safe after migrate or flush)."""
    grant(GRANTS, app_label="measures", apps=apps)
