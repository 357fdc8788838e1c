"""Finding and creating England, its regions and its authorities as imports meet them."""

import re
from typing import Any

from measures.benchmarking.models import Area, AreaKind
from measures.benchmarking.regions import (
    ENGLAND,
    REGIONS,
    RegionName,
    area_for_lait_number,
    home_region,
    region_named,
)

OLD_CODE = re.compile(r"^[0-9]{3}$")
NEW_CODE = re.compile(r"^E[0-9]{8}$")


class AreaError(ValueError):
    """A code or name that does not identify an area; the message says which and why."""


def old_code(value: Any) -> str:
    """DfE's three-digit code from text or a number read as a float (925.0 → "925")."""
    text = str(value).strip()
    if re.fullmatch(r"[0-9]{3}\.0+", text):
        text = text.split(".")[0]
    if not OLD_CODE.fullmatch(text):
        raise AreaError(f"'{value}' is not an authority code: old codes are three digits, like 925")
    return text


def new_code(value: Any) -> str:
    """ONS's nine-character code, like E10000019."""
    text = str(value).strip()
    if not NEW_CODE.fullmatch(text):
        raise AreaError(
            f"'{value}' is not an area code: new codes are E and eight digits, like E10000019"
        )
    return text


def ensure_regions() -> dict[str, Area]:
    """England and its regions, created once; London's halves sit inside London."""
    areas = {}
    england, _ = Area.objects.get_or_create(
        kind=AreaKind.ENGLAND,
        name=ENGLAND.name,
        defaults={"new_code": ENGLAND.code},
    )
    areas[ENGLAND.name] = england
    for region in sorted(REGIONS, key=lambda r: bool(r.parent)):
        parent = areas.get(region.parent)
        areas[region.name], _ = Area.objects.get_or_create(
            kind=AreaKind.REGION,
            name=region.name,
            defaults={"new_code": region.code, "region": parent},
        )
    return areas


class AreaBook:
    """Every area known, by code and name, creating authorities as a file names them."""

    def __init__(self) -> None:
        self.named = ensure_regions()
        areas = list(Area.objects.all())
        self.by_old = {a.old_code: a for a in areas if a.old_code}
        self.by_new = {a.new_code: a for a in areas if a.new_code}
        self.created = 0

    @property
    def england(self) -> Area:
        return self.named[ENGLAND.name]

    def region(self, name: str) -> Area:
        region = region_named(name)
        if region is None:
            raise AreaError(f"'{name}' is not a region of England")
        return self.named[region.name]

    def _home(self, region_name: str) -> Area | None:
        region: RegionName | None = region_named(region_name) if region_name else None
        return self.named[home_region(region).name] if region else None

    def authority(self, *, name: str, old: Any = "", new: Any = "", region_name: str = "") -> Area:
        """The authority with these codes, linking a new code to an old one where both come."""
        old_text = old_code(old) if str(old).strip() else ""
        new_text = new_code(new) if str(new).strip() else ""
        if not (old_text or new_text):
            raise AreaError(f"'{name}' has no authority code")
        area = self.by_old.get(old_text) or self.by_new.get(new_text)
        if area is None:
            area = Area.objects.create(
                kind=AreaKind.AUTHORITY,
                name=name.strip(),
                old_code=old_text,
                new_code=new_text,
                region=self._home(region_name),
            )
            self.created += 1
        else:
            changed = False
            if new_text and not area.new_code:
                area.new_code, changed = new_text, True
            if old_text and not area.old_code:
                area.old_code, changed = old_text, True
            if area.region is None and region_name:
                area.region, changed = self._home(region_name), True
            if changed:
                area.save()
        if area.old_code:
            self.by_old[area.old_code] = area
        if area.new_code:
            self.by_new[area.new_code] = area
        return area

    def from_lait(self, *, number: Any, name: str, region_name: str) -> Area:
        """An area from LAIT's LA Number: 970 England, 980-990 regions, else an authority."""
        code = old_code(number)
        named = area_for_lait_number(code)
        if named is not None:
            return self.named[named.name]
        return self.authority(name=name, old=code, region_name=region_name)
