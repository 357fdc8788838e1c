"""Importing DfE's statistical neighbour model: one comparator group per authority and version."""

from __future__ import annotations

import hashlib
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from django.db import transaction
from django.utils.text import slugify
from openpyxl.utils.exceptions import InvalidFileException

from measures.benchmarking.areas import AreaBook, AreaError, is_joint, old_code
from measures.benchmarking.models import (
    JOINT_SEPARATOR,
    Area,
    ComparatorGroup,
    GroupKind,
    GroupMember,
    joint_code,
)
from measures.importers.tabular import (
    ImportRejected,
    ImportSummary,
    Problem,
    TableError,
    cell_text,
    field_length,
    nul_problem,
    read_raw_csv,
)
from measures.rules.benchmark_periods import version_start

SHEET = "LA SN Groups"
NEIGHBOURS = 10
CLOSENESS = ("Extremely close", "Very close", "Close", "Somewhat close", "Not close")
_CLOSENESS_BY_KEY = {label.lower(): label for label in CLOSENESS}
# The 2021 model writes "-" for neighbours of authorities created after it was made.
NO_NEIGHBOUR = "-"
# The workbook's heading ("Old SNs:") for authorities that no longer exist, as normalise_heading
# writes it without its colon.
OLD_SECTION = "oldsns"
# Headings as normalise_heading writes them: the workbook's, then the wide CSV's.
CODE_HEADINGS = ("lanum", "lanumber", "oldlacode")
NAME_HEADINGS = ("laname",)
REGION_HEADINGS = ("goreg", "regionname")
# The header is found among the first rows, whatever banner rows come before it.
HEADER_SEARCH_ROWS = 10
VERSION_LENGTH = field_length(ComparatorGroup, "version")
SLUG_LENGTH = field_length(ComparatorGroup, "slug")


class ModelRefused(ValueError):
    """The import was not attempted because its arguments are wrong."""


@dataclass
class NeighbourSummary(ImportSummary):
    """Groups created, updated (members or name changed) and unchanged, and what else changed."""

    version: str = ""
    removed: int = 0  # this version's groups for authorities the file no longer has
    members: int = 0
    old_authorities: int = 0  # listed under "Old SNs:"
    made_inactive: int = 0
    without_neighbours: list[str] = field(default_factory=list)
    areas_created: int = 0
    unnamed: int = 0  # authorities created with only a code to go on

    def __str__(self) -> str:
        groups = self.created + self.updated + self.unchanged
        parts = [
            f"{self.version}: {_count(groups, 'group')} ({super().__str__()}, "
            f"{self.removed} removed), {_count(self.members, 'neighbour')}"
        ]
        if self.old_authorities:
            parts.append(
                f"{_count(self.old_authorities, 'authority', 'authorities')} listed as no longer "
                f"existing (“Old SNs”), {self.made_inactive} newly marked not active"
            )
        if self.without_neighbours:
            parts.append(f"no neighbours given for {', '.join(self.without_neighbours)}")
        if self.areas_created:
            parts.append(f"{_count(self.areas_created, 'authority', 'authorities')} added")
        if self.unnamed:
            parts.append(
                f"{_count(self.unnamed, 'authority', 'authorities')} known only by code, named "
                "“Authority NNN” until a file names them"
            )
        return "; ".join(parts)


def _count(number: int, word: str, plural: str = "") -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


def normalise_closeness(text: str) -> str:
    """One of CLOSENESS from the model's label, whatever its case and spaces; "" for none."""
    key = " ".join(text.split()).lower()
    if key in ("", NO_NEIGHBOUR):
        return ""
    if key in _CLOSENESS_BY_KEY:
        return _CLOSENESS_BY_KEY[key]
    raise ValueError(f"'{text}' is not a closeness: use one of {', '.join(CLOSENESS)}")


def normalise_heading(text: str) -> str:
    """A heading without case, spaces or underscores: "SN_1P" and "SN1 P" are "sn1p"."""
    return re.sub(r"[\s_]+", "", text.replace("\ufeff", "").lower())


def placeholder_name(code: str) -> str:
    """The name of an authority a file names only by its code."""
    return f"Authority {code}"


@dataclass(frozen=True)
class _Neighbour:
    position: int
    code: str
    closeness: str


@dataclass
class _Row:
    number: int
    code: str
    name: str
    region: str
    old: bool
    neighbours: list[_Neighbour]


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return cell_text(value)


def _read_lines(path: Path) -> list[tuple[int, list[str]]]:
    """The file's rows as text with their spreadsheet row numbers (the first row is 1)."""
    path = Path(path)
    if not path.is_file():
        raise TableError(f"There is no file at {path}.")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        try:
            with pd.ExcelFile(path, engine="openpyxl") as workbook:
                if SHEET not in workbook.sheet_names:
                    raise TableError(
                        f"{path.name} has no sheet “{SHEET}”. Its sheets are: "
                        f"{', '.join(workbook.sheet_names)}."
                    )
                # dtype=object keeps codes as the integers the workbook holds, not 925.0.
                frame = pd.read_excel(workbook, sheet_name=SHEET, header=None, dtype=object)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
            raise TableError(f"{path.name} cannot be opened as an Excel .xlsx workbook.") from None
    elif suffix == ".csv":
        frame = read_raw_csv(path)
    else:
        raise TableError(f"{path.name} is not the model's .xlsx workbook or wide .csv file.")
    # pandas keeps leading and inner blank rows, so position + 1 is the spreadsheet's row.
    lines = [
        (position + 1, [_cell(value) for value in values])
        for position, values in enumerate(frame.itertuples(index=False, name=None))
    ]
    found = [
        Problem(number, _letter(position), nul_problem(cell))
        for number, cells in lines
        for position, cell in enumerate(cells)
        if nul_problem(cell)
    ]
    if found:
        raise ImportRejected(found)
    return lines


@dataclass(frozen=True)
class _Layout:
    """Where the model's columns are, and their headings for problems."""

    header_row: int
    code: int
    name: int | None
    region: int | None
    neighbours: tuple[tuple[int, int], ...]  # (code, closeness) column per position 1-10
    headings: tuple[str, ...]


def _layout(path: Path, lines: list[tuple[int, list[str]]]) -> _Layout:
    """Find the header (the workbook has two banner rows above it) and the model's columns."""
    header = next(
        (
            (number, cells)
            for number, cells in lines[:HEADER_SEARCH_ROWS]
            if "sn1" in [normalise_heading(cell) for cell in cells]
        ),
        None,
    )
    if header is None:
        raise TableError(
            f"{path.name} has no header row with an SN1 column in its first "
            f"{HEADER_SEARCH_ROWS} rows."
        )
    number, cells = header
    keys = [normalise_heading(cell) for cell in cells]
    xlsx = path.suffix.lower() == ".xlsx"
    headings = tuple(
        # Workbook columns are named by letter too: its closeness columns are all "SNP".
        f"{cell} ({_letter(position)})" if xlsx else cell
        for position, cell in enumerate(cells)
    )

    def find(*names: str) -> int | None:
        return next((keys.index(name) for name in names if name in keys), None)

    missing = []
    code = find(*CODE_HEADINGS)
    if code is None:
        missing.append("LA num (or old_la_code)")
    pairs = []
    for position in range(1, NEIGHBOURS + 1):
        neighbour = find(f"sn{position}")
        closeness = find(f"sn{position}p")
        if closeness is None and neighbour is not None and neighbour + 1 < len(keys):
            # The workbook heads each closeness column "SNP", right after its neighbour's.
            closeness = neighbour + 1 if keys[neighbour + 1] == "snp" else None
        if neighbour is None:
            missing.append(f"SN{position}")
        elif closeness is None:
            missing.append(f"SN{position}'s closeness (SNP or SN_{position}P)")
        else:
            pairs.append((neighbour, closeness))
    if missing:
        found = ", ".join(cell for cell in cells if cell)
        raise TableError(
            f"{path.name} has no {', '.join(missing)} column on row {number}. "
            f"Its columns are: {found}."
        )
    return _Layout(
        header_row=number,
        code=code,  # type: ignore[arg-type]  # not None: a missing code raised above
        name=find(*NAME_HEADINGS),
        region=find(*REGION_HEADINGS),
        neighbours=tuple(pairs),
        headings=headings,
    )


def _letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _read_rows(path: Path) -> list[_Row]:
    """The model's authorities with their neighbours; ImportRejected lists every problem."""
    lines = _read_lines(path)
    layout = _layout(path, lines)
    headings = layout.headings
    problems: list[Problem] = []
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    old = False

    def cell(cells: list[str], position: int | None) -> str:
        return cells[position].strip() if position is not None and position < len(cells) else ""

    for number, cells in lines:
        if number <= layout.header_row or not any(cells):
            continue
        if any(normalise_heading(c).rstrip(":") == OLD_SECTION for c in cells):
            old = True
            continue
        count = len(problems)
        code_text = cell(cells, layout.code)
        code = ""
        if not code_text:
            problems.append(Problem(number, headings[layout.code], "the authority has no code"))
        else:
            try:
                code = _code(code_text)
            except AreaError as error:
                problems.append(Problem(number, headings[layout.code], str(error)))
        if code in seen:
            problems.append(
                Problem(number, headings[layout.code], f"{code} is also on row {seen[code]}")
            )
        neighbours: list[_Neighbour] = []
        for position, (code_column, closeness_column) in enumerate(layout.neighbours, start=1):
            neighbour_text = cell(cells, code_column)
            label = cell(cells, closeness_column)
            if neighbour_text in ("", NO_NEIGHBOUR):
                if label not in ("", NO_NEIGHBOUR):
                    problems.append(
                        Problem(
                            number,
                            headings[closeness_column],
                            f"'{label}' is given for no neighbour: is a column out of place?",
                        )
                    )
                continue
            try:
                neighbour = _code(neighbour_text)
            except AreaError as error:
                problems.append(Problem(number, headings[code_column], str(error)))
                continue
            try:
                closeness = normalise_closeness(label)
            except ValueError as error:
                problems.append(Problem(number, headings[closeness_column], str(error)))
                continue
            if neighbour == code:
                problems.append(
                    Problem(number, headings[code_column], f"{code} is given as its own neighbour")
                )
            elif neighbour in {n.code for n in neighbours}:
                problems.append(
                    Problem(number, headings[code_column], f"{neighbour} is given twice")
                )
            else:
                neighbours.append(_Neighbour(position, neighbour, closeness))
        if len(problems) > count:
            continue
        seen[code] = number
        rows.append(
            _Row(
                number=number,
                code=code,
                name=cell(cells, layout.name),
                region=cell(cells, layout.region),
                old=old,
                neighbours=neighbours,
            )
        )
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise TableError(f"{path.name} lists no authorities below its header.")
    return rows


def _group_slug(name: str, area: Area, version: str, taken: set[str]) -> str:
    base = slugify(name)[: SLUG_LENGTH - 9].strip("-")
    if base and base not in taken:
        return base
    # Two authorities can share a name across a reorganisation, and versions can slugify alike.
    digest = hashlib.sha1(f"{area.code}|{version}".encode()).hexdigest()[:8]
    return f"{base}-{digest}" if base else digest


def import_sn_model(*, path: Path, version: str) -> NeighbourSummary:
    """Load a statistical neighbour model (the DfE workbook or the wide CSV) as version NAME.

    Each authority in the file gets one group of this version, its members in the model's
    order (positions 1-10, a "-" leaving its position empty) with normalised closeness labels.
    Authorities under "Old SNs:" no longer exist: they get groups too, and are marked not
    active (never active again by an import, so an older model cannot revive them). Groups of
    this version for authorities not in the file are removed; other versions are untouched.
    """
    path = Path(path)
    version = " ".join(version.split())
    if not version:
        raise ModelRefused("The model needs a version name, like “May 2025”.")
    if len(version) > VERSION_LENGTH:
        raise ModelRefused(f"The version name is longer than {VERSION_LENGTH} characters.")
    rows = _read_rows(path)
    summary = NeighbourSummary(version=version)
    names = {row.code: row.name for row in rows if row.name}

    with transaction.atomic():
        book = AreaBook()
        areas: dict[str, Area] = {}
        for row in rows:
            areas[row.code] = _authority(book, row.code, names, region=row.region)
        for row in rows:
            for neighbour in row.neighbours:
                if neighbour.code not in areas:
                    areas[neighbour.code] = _authority(book, neighbour.code, names, region="")
        summary.areas_created = book.created
        summary.unnamed = sum(
            1 for area in areas.values() if area.name == placeholder_name(area.old_code)
        )
        for row in rows:
            if row.old:
                summary.old_authorities += 1
                area = areas[row.code]
                if area.is_active:
                    area.is_active = False
                    area.save(update_fields=["is_active"])
                    summary.made_inactive += 1

        groups = {
            group.area_id: group
            for group in ComparatorGroup.objects.select_for_update().filter(
                kind=GroupKind.STATISTICAL_NEIGHBOURS, version=version
            )
        }
        stored: dict[int, list[tuple[Any, ...]]] = {}
        for member in GroupMember.objects.filter(group__in=list(groups.values())).order_by(
            "position", "name"
        ):
            stored.setdefault(member.group_id, []).append(_member_key(member))
        taken = set(ComparatorGroup.objects.values_list("slug", flat=True))
        in_file: set[int] = set()
        new_members: list[GroupMember] = []
        emptied: list[int] = []
        for row in rows:
            area = areas[row.code]
            in_file.add(area.pk)
            wanted = _group_fields(area, row, version=version, source=path.name)
            members = _members(row, areas, names)
            summary.members += len(members)
            if not members:
                summary.without_neighbours.append(f"{area.name} ({row.code})")
            group = groups.get(area.pk)
            if group is None:
                slug = _group_slug(wanted["name"], area, version, taken)
                taken.add(slug)
                group = ComparatorGroup.objects.create(
                    kind=GroupKind.STATISTICAL_NEIGHBOURS,
                    area=area,
                    version=version,
                    slug=slug,
                    **wanted,
                )
                summary.created += 1
            else:
                changed = [name for name, value in wanted.items() if getattr(group, name) != value]
                if changed:
                    for name in changed:
                        setattr(group, name, wanted[name])
                    group.save(update_fields=[*changed, "updated_at"])
                if stored.get(group.pk, []) == [_member_key(member) for member in members]:
                    summary.updated += bool(changed)
                    summary.unchanged += not changed
                    continue
                emptied.append(group.pk)
                if not changed:  # its members change: the group is harvested again
                    group.save(update_fields=["updated_at"])
                summary.updated += 1
            for member in members:
                member.group = group
            new_members.extend(members)
        GroupMember.objects.filter(group_id__in=emptied).delete()
        GroupMember.objects.bulk_create(new_members, batch_size=5000)
        stale = [group.pk for area_id, group in groups.items() if area_id not in in_file]
        if stale:
            ComparatorGroup.objects.filter(pk__in=stale).delete()
        summary.removed = len(stale)
    return summary


def _code(text: str) -> str:
    """An old code, or a joint return's codes ("940 / 941") each checked and put in order."""
    if is_joint(text):
        return joint_code(JOINT_SEPARATOR.join(old_code(part) for part in text.split("/")))
    return old_code(text)


def _authority(book: AreaBook, code: str, names: dict[str, str], *, region: str) -> Area:
    """The authority with this old code, created (named from the file where it can be) if new.

    A joint return's codes give the joint area, its members named as the file or earlier
    imports name them.
    """
    if JOINT_SEPARATOR in code:
        parts = code.split(JOINT_SEPARATOR)
        known = [book.by_old.get(part) for part in parts]
        member_names = [
            names.get(part) or (area.name if area else placeholder_name(part))
            for part, area in zip(parts, known, strict=True)
        ]
        return book.joint(name=" / ".join(member_names), old=code, region_name=region)
    name = names.get(code, "")
    existing = book.by_old.get(code)
    if existing is not None and name and existing.name == placeholder_name(code):
        # An earlier file named it only by code; this one gives its name.
        existing.name = name
        existing.save(update_fields=["name"])
    return book.authority(name=name or placeholder_name(code), old=code, region_name=region)


def _group_fields(area: Area, row: _Row, *, version: str, source: str) -> dict[str, Any]:
    notes = []
    if row.old:
        notes.append(
            f"{row.name or area.name} no longer exists as an authority: the model lists it "
            "under “Old SNs”."
        )
    if not row.neighbours:
        notes.append("The model gives this authority no neighbours.")
    # An abolished authority may share its name with its successor (Dorset, 835 and 838); the
    # model names it apart ("Dorset (Pre LG)").
    name = row.name if row.old and row.name else area.name
    return {
        "name": f"{name} statistical neighbours ({version})",
        "source": source,
        "description": " ".join(notes),
        # A figure is compared with the version in force for its period (reads.py).
        "in_force_from": version_start(version),
    }


def _members(row: _Row, areas: dict[str, Area], names: dict[str, str]) -> list[GroupMember]:
    members = []
    used: set[str] = set()
    for neighbour in row.neighbours:
        area = areas[neighbour.code]
        name = names.get(neighbour.code) or area.name
        # A member's name is unique in its group; two authorities may share one.
        if name in used:
            name = f"{name} ({neighbour.code})"
        used.add(name)
        members.append(
            GroupMember(
                area=area, name=name, position=neighbour.position, closeness=neighbour.closeness
            )
        )
    return members


def _member_key(member: GroupMember) -> tuple[Any, ...]:
    return (member.area_id, member.name, member.position, member.closeness)
