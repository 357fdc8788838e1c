"""Reading an admin page's form as a browser would submit it, and values that test its limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html.parser import HTMLParser

TEXT_TYPES = {"text", "number", "date", "time", "email", "url", "search", "tel", "password"}
SKIPPED_TYPES = {"submit", "button", "reset", "image", "file"}


@dataclass
class Control:
    """One named control of a form: its kind and its value(s) as the page shows them."""

    name: str
    kind: str  # an input type, "select", "select-multiple" or "textarea"
    values: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    readonly: bool = False


class _FormReader(HTMLParser):
    """The controls of the form whose id ends with "_form" (the admin's change form)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.controls: list[Control] = []
        self.in_form = False
        self.select: Control | None = None
        self.option_value: str | None = None
        self.option_selected = False
        self.option_text = ""
        self.textarea: Control | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form" and a.get("id", "").endswith("_form"):
            self.in_form = True
            return
        if not self.in_form or ("disabled" in a and tag != "option"):
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in SKIPPED_TYPES:
                return
            if kind in ("checkbox", "radio"):
                control = self._control(name, kind)
                control.options.append(a.get("value", "on"))
                if "checked" in a:
                    control.values.append(a.get("value", "on"))
                return
            self.controls.append(
                Control(name, kind, [a.get("value", "")], readonly="readonly" in a)
            )
        elif tag == "select" and name:
            kind = "select-multiple" if "multiple" in a else "select"
            self.select = Control(name, kind)
            self.controls.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option_value = a.get("value")
            self.option_selected = "selected" in a
            self.option_text = ""
        elif tag == "textarea" and name:
            self.textarea = Control(name, "textarea", [""])
            self.controls.append(self.textarea)

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.values[0] += data
        elif self.option_value is not None or self.select is not None:
            self.option_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "option" and self.select is not None:
            value = self.option_value if self.option_value is not None else self.option_text
            self.select.options.append(value)
            if self.option_selected:
                self.select.values.append(value)
            self.option_value = None
        elif tag == "select" and self.select is not None:
            if self.select.kind == "select" and not self.select.values and self.select.options:
                self.select.values.append(self.select.options[0])
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            self.textarea.values[0] = self.textarea.values[0].removeprefix("\n")
            self.textarea = None

    def _control(self, name: str, kind: str) -> Control:
        for control in self.controls:
            if control.name == name:
                return control
        control = Control(name, kind)
        self.controls.append(control)
        return control


def read_form(html: str) -> list[Control]:
    """The change form's controls, in page order."""
    reader = _FormReader()
    reader.feed(html)
    return reader.controls


def submission(controls: list[Control]) -> dict[str, list[str]]:
    """What a browser posts for these controls, before anyone types anything."""
    data: dict[str, list[str]] = {}
    for control in controls:
        if control.values:
            data.setdefault(control.name, []).extend(control.values)
    return data


def is_template_row(name: str) -> bool:
    """The hidden empty row an inline keeps for its "Add another" button."""
    return "__prefix__" in name


def is_management(name: str) -> bool:
    return name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS"))


def is_later_row(name: str) -> bool:
    """A field of an inline's second or later row (the first row stands for them all)."""
    parts = name.split("-")
    return len(parts) >= 3 and parts[-2].isdigit() and parts[-2] != "0"


def typed_fields(controls: list[Control]) -> list[Control]:
    """The controls a person types into: text-like inputs and text areas, not hidden ones."""
    return [
        c
        for c in controls
        if (c.kind in TEXT_TYPES or c.kind == "textarea")
        and not c.readonly
        and not is_template_row(c.name)
        and not is_management(c.name)
        and not is_later_row(c.name)
    ]


def boundary_values(control: Control) -> list[str]:
    """Values at and past the edges of what a field may hold, for its kind."""
    name = control.name.lower()
    if control.kind == "date" or name.endswith(("date", "_from", "_to", "due", "start", "end")):
        return ["", "31/12/9999", "30/02/2017", "not a date"]
    if control.kind == "time":
        return ["", "25:61", "not a time"]
    if control.kind == "number":
        return ["", "-1", "99999999999999999999999999", "0.00001", "NaN"]
    return ["", "x" * 10_000, "-1", "99999999999999999999999999", "<b>bold</b>\u0000"]


def shifted(value: str) -> str:
    """A value near a unique one that no longer clashes with it."""
    for shape in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = datetime.strptime(value, shape).date()
        except ValueError:
            continue
        return (day + timedelta(days=371)).strftime(shape)
    if value.isdigit():
        return str(int(value) + 7)
    return f"{value}-2" if value else value
