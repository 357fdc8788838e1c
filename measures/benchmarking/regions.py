"""England's regions under every name the sources give them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RegionName:
    """A region's one name, its ONS code, DfE's LAIT number, and the region it is part of."""

    name: str
    code: str
    lait_number: str
    parent: str = ""


ENGLAND = RegionName("England", "E92000001", "970")
REGIONS = [
    RegionName("North East", "E12000001", "980"),
    RegionName("North West", "E12000002", "981"),
    RegionName("Yorkshire and The Humber", "E12000003", "982"),
    RegionName("East Midlands", "E12000004", "983"),
    RegionName("West Midlands", "E12000005", "984"),
    RegionName("East of England", "E12000006", "985"),
    RegionName("London", "E12000007", "986"),
    RegionName("South East", "E12000008", "989"),
    RegionName("South West", "E12000009", "990"),
    # London's two halves are sub-groups of London, as LAIT keeps them.
    RegionName("Inner London", "", "987", parent="London"),
    RegionName("Outer London", "", "988", parent="London"),
]

_ALIASES = {
    "london (inner)": "Inner London",
    "london (outer)": "Outer London",
    "inner london": "Inner London",
    "outer london": "Outer London",
    "east": "East of England",
    "yorkshire and humber": "Yorkshire and The Humber",
    "yorkshire & the humber": "Yorkshire and The Humber",
}
_BY_KEY = {" ".join(r.name.lower().split()): r for r in REGIONS}
_BY_NUMBER = {r.lait_number: r for r in [ENGLAND, *REGIONS]}


def region_named(text: str) -> RegionName | None:
    """The region a source means, whatever its case or spelling; None if it is not one."""
    key = " ".join(str(text).lower().split())
    if key in _ALIASES:
        return _BY_KEY[_ALIASES[key].lower()]
    return _BY_KEY.get(key)


def area_for_lait_number(number: str) -> RegionName | None:
    """England (970) or a region (980-990) from LAIT's LA Number; None for an authority."""
    return _BY_NUMBER.get(number)


def home_region(region: RegionName) -> RegionName:
    """The region an authority in a sub-region belongs to: London for inner and outer London."""
    # Every parent named in the table is itself a region, so region_named finds it.
    return region_named(region.parent) if region.parent else region  # type: ignore[return-value]
