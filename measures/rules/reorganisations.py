"""Local government reorganisations: which authorities existed when, and who came before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Reorganisation:
    """An authority created on a date, and the one it took over from where there was one."""

    code: str  # DfE's three-digit code of the new authority
    created: date
    predecessor: str = ""  # the old authority's code; "" when several merged into it


@dataclass(frozen=True)
class Abolition:
    """An authority abolished on a date (its last day is the day before)."""

    code: str
    abolished: date


# Children's services authorities created since 2016, from the structural changes orders
# (the statistical neighbour workbooks list the abolished ones under "Old SNs:" and
# la_code_list.xlsx marks them "(Pre LG)"). Bournemouth, Christchurch and Poole has no
# single predecessor: Bournemouth, Poole and part of Dorset went into it.
REORGANISATIONS: tuple[Reorganisation, ...] = (
    Reorganisation("838", date(2019, 4, 1), predecessor="835"),  # Dorset from Dorset (Pre LG)
    Reorganisation("839", date(2019, 4, 1)),  # Bournemouth, Christchurch and Poole
    Reorganisation("940", date(2021, 4, 1), predecessor="928"),  # North Northamptonshire
    Reorganisation("941", date(2021, 4, 1), predecessor="928"),  # West Northamptonshire
    Reorganisation("942", date(2023, 4, 1), predecessor="909"),  # Cumberland, from Cumbria
    Reorganisation("943", date(2023, 4, 1), predecessor="909"),  # Westmorland and Furness
)
ABOLITIONS: tuple[Abolition, ...] = (
    Abolition("835", date(2019, 4, 1)),
    Abolition("836", date(2019, 4, 1)),
    Abolition("837", date(2019, 4, 1)),
    Abolition("928", date(2021, 4, 1)),
    Abolition("909", date(2023, 4, 1)),
)
_CREATED = {r.code: r for r in REORGANISATIONS}
_ABOLISHED = {a.code: a.abolished for a in ABOLITIONS}


@dataclass(frozen=True)
class StandIn:
    """Who stands for a comparator member on a date: itself, its predecessor, or nobody."""

    code: str  # "" when nobody: the member did not exist and had no single predecessor
    note: str = ""  # why it is not the member itself, for the reader
    # What to say should the stand-in have no figure either: "did not exist in 2017".
    absent: str = ""


def existed(code: str, on: date) -> bool:
    """Whether an authority existed on a date, as far as the reorganisations above know."""
    created = _CREATED.get(code)
    if created is not None and on < created.created:
        return False
    abolished = _ABOLISHED.get(code)
    return abolished is None or on < abolished


def stand_in(code: str, name: str, on: date) -> StandIn:
    """The authority whose figures stand for a comparator member on a date.

    A member created later is replaced by its predecessor where there was one
    (Northamptonshire for North Northamptonshire in 2017); otherwise, or for a member
    abolished by then, nobody, with a note saying so.
    """
    if existed(code, on):
        return StandIn(code)
    created = _CREATED.get(code)
    if created is not None and on < created.created:
        if created.predecessor and existed(created.predecessor, on):
            note = f"in place of {name}, created {created.created.year}"
            return StandIn(created.predecessor, note, absent=f"did not exist in {on.year}")
        note = f"did not exist in {on.year}"
        return StandIn("", note, absent=note)
    note = f"no longer existed in {on.year}"
    return StandIn("", note, absent=note)
