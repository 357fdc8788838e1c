"""Finding and creating England, its regions and its authorities as imports meet them."""

import re
from typing import Any

from measures.benchmarking.models import JOINT_SEPARATOR, Area, AreaKind
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


def is_joint(text: Any) -> bool:
    """Whether a code cell holds a joint return's codes, like "940 / 941"."""
    return "/" in str(text)


def _parts(text: Any) -> list[str]:
    """A joint return's codes, each checked: "940 / 941" → ["940", "941"]."""
    if not str(text).strip():
        return []
    parts = [part.strip() for part in str(text).split("/")]
    read = old_code if all(OLD_CODE.fullmatch(p) for p in parts[:1]) else new_code
    return [read(part) for part in parts]


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

    def joint(self, *, name: str, old: Any = "", new: Any = "", region_name: str = "") -> Area:
        """A joint return ("940 / 941") and its member authorities, each created if new.

        The codes and names are paired in the order given, as DfE publishes them; the joint
        area is stored with its codes in order ("314 / 318") and linked to its members.
        """
        olds = _parts(old)
        news = _parts(new)
        names = [part.strip() for part in name.split("/")]
        counts = {len(parts) for parts in (olds, news, names) if parts}
        if len(counts) != 1 or min(counts) < 2:
            raise AreaError(
                f"'{name}' ({old or '–'}; {new or '–'}) is not a joint return: give as many "
                "codes as names, two or more, each separated by /"
            )
        size = counts.pop()
        members = [
            self.authority(
                name=names[i] if names else "",
                old=olds[i] if olds else "",
                new=news[i] if news else "",
                region_name=region_name,
            )
            for i in range(size)
        ]
        members.sort(key=lambda member: member.old_code or member.new_code)
        old_text = JOINT_SEPARATOR.join(m.old_code for m in members) if olds else ""
        new_text = JOINT_SEPARATOR.join(m.new_code for m in members) if news else ""
        area = self.by_old.get(old_text) or self.by_new.get(new_text)
        if area is None:
            area = Area.objects.create(
                kind=AreaKind.JOINT,
                name=JOINT_SEPARATOR.join(m.name for m in members),
                old_code=old_text,
                new_code=new_text,
                region=members[0].region,
            )
            area.joint_members.set(members)
            self.created += 1
        else:
            changed = False
            if new_text and not area.new_code:
                area.new_code, changed = new_text, True
            if old_text and not area.old_code:
                area.old_code, changed = old_text, True
            if changed:
                area.save()
            area.joint_members.add(*members)
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
