"""How long building a 200-page agenda pack takes, and how much memory it needs.

A committee with 60 quarterly measures (a generated performance appendix of a page or two
each, with a trend chart drawn by kaleido in Chromium) and uploaded papers of 24 to 40 pages,
one of them exempt, on PostgreSQL. Each build runs in a fresh process, so its peak memory is
its own: the public pack cold (no chart drawn yet), warm (every chart already drawn: the
layout floor), after one figure changed (one chart redrawn), and the full pack. Prints the
times, the ratios to the floor and their aims; run by `make bench`, asserts nothing.
"""

import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from committees.models import (  # noqa: E402
    AgendaItem,
    Committee,
    Meeting,
    Membership,
    Pack,
    Paper,
    Person,
)
from measures.models import Actual, Ambition, Measure, Outcome, State, Target  # noqa: E402
from measures.rules.periods import Period  # noqa: E402

MEASURES = 60
PERIOD = Period.parse("2017/18 Q1")
FIGURES = PERIOD.last_n(5)  # 2016/17 Q1 to 2017/18 Q1
SLUG = "bench-pack-scrutiny-committee"
PREFIX = "PACKB-"
AIM_SECONDS, AIM_BYTES = 30, 1024**3
AIM_COLD, AIM_ONE_CHANGED = 1.3, 1.1  # times the warm build (the layout floor)
# (label, version): the public pack with no chart drawn yet, with every chart drawn, after one
# figure changed, then the full pack (its charts are the public pack's).
BUILDS = [
    ("cold", "public"),
    ("warm", "public"),
    ("one changed", "public"),
    ("full", "full"),
]
# (item, paper, title, pages, landscape, exempt paragraph)
UPLOADS = [
    (6, "report", "Schools' Funding Formula 2018/19: consultation response", 40, False, None),
    (7, "A", "SEND Strategy 2018-2021: draft for consultation", 38, False, None),
    (7, "B", "Home to school transport: contract performance", 24, True, 3),
    (8, "A", "Annual report of the Local Safeguarding Children Board", 30, False, None),
]
UNITS = [  # unit, decimal places, base value, spread
    ("percentage", 1, 72, 12),
    ("rate_per_10000", 1, 45, 6),
    ("count", 0, 260, 60),
    ("days", 0, 420, 80),
]
SUBJECTS = [
    "looked after children placed within 20 miles of home",
    "child protection plans lasting two years or more",
    "care leavers in suitable accommodation",
    "young people not in education, employment or training",
    "education, health and care plans issued within 20 weeks",
    "pupils attending a good or outstanding school",
    "first time entrants to the youth justice system",
    "children adopted within 14 months of entering care",
    "re-referrals to children's social care within 12 months",
    "families supported by the early help service",
]
OUTCOMES = [
    ("Learn and achieve", "Children are ready for school"),
    ("Learn and achieve", "Young people are ready for work and adult life"),
    ("Communities are safe and protected", "Children are safe and healthy"),
    ("Communities are safe and protected", "Reduce the number of young people committing crime"),
    ("Protect the vulnerable", "Looked after children have stable, secure placements"),
]
PROSE = (
    "the service reviewed each case with partners across health, education and the police and "
    "agreed further actions where the position had not improved as quickly as planned while "
    "demand rose in the northern localities over the winter and recruitment of experienced "
    "social workers remained difficult although the new workforce strategy is expected to help"
)
WORDS = PROSE.split(" ")


def sentence(rng: random.Random, words: int) -> str:
    start = rng.randrange(len(WORDS))
    text = " ".join((WORDS * 3)[start : start + words])
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(sentence(rng, rng.randint(14, 26)) for _ in range(sentences))


def text(rng: random.Random, paragraphs: int) -> str:
    return "\n\n".join(paragraph(rng, rng.randint(2, 4)) for _ in range(paragraphs))


def upload_pdf(title: str, pages: int, *, landscape: bool) -> bytes:
    """A paper as a council would upload it: numbered A4 pages of text and a table."""
    from weasyprint import HTML

    rng = random.Random(title)
    size = "A4 landscape" if landscape else "A4"
    body = []
    for page in range(1, pages + 1):
        rows = "".join(
            f"<tr><td>Line {r}</td><td>{rng.randint(100, 9999)}</td>"
            f"<td>{rng.randint(100, 9999)}</td><td>{rng.randint(-50, 50)}%</td></tr>"
            for r in range(1, 9)
        )
        body.append(
            f"<section><h2>{page}. {title}</h2><p>{paragraph(rng, 5)}</p>"
            f"<table><tr><th>Line</th><th>2016/17</th><th>2017/18</th><th>Change</th></tr>"
            f"{rows}</table><p>{paragraph(rng, 4)}</p><p>{paragraph(rng, 4)}</p></section>"
        )
    html = (
        f"<html><head><style>@page {{ size: {size}; margin: 2cm; "
        "@bottom-center { content: counter(page) } } "
        "section { break-after: page } table { border-collapse: collapse; width: 100% } "
        "td, th { border: 1px solid #999; padding: 2px 6px }</style></head>"
        f"<body><h1>{title}</h1>{''.join(body)}</body></html>"
    )
    return HTML(string=html).write_pdf()


def delete_data() -> None:
    for pack in Pack.objects.filter(meeting__committee__slug=SLUG):
        pack.file.delete(save=False)
    Meeting.objects.filter(committee__slug=SLUG).delete()
    Committee.objects.filter(slug=SLUG).delete()
    Person.objects.filter(key__startswith="bench-pack-").delete()
    # As the other benches do: the measure page's neighbours read every current measure, so
    # measures left by an earlier script would change the figures.
    for model in (Actual, Target, Measure, Outcome, Ambition):
        model.objects.all().delete()


def create_measures(committee: Committee, *, names: str = "") -> None:
    rng = random.Random(2017)
    ambitions = {
        name: Ambition.objects.create(name=f"{names}{name}", order=n)
        for n, name in enumerate(dict.fromkeys(a for a, _ in OUTCOMES))
    }
    outcomes = [
        Outcome.objects.create(ambition=ambitions[a], name=o, order=n)
        for n, (a, o) in enumerate(OUTCOMES)
    ]
    measures, targets, figures, published = [], [], [], timezone.now()
    for i in range(MEASURES):
        unit, places, base, spread = UNITS[i % len(UNITS)]
        subject = SUBJECTS[i % len(SUBJECTS)]
        rate = unit in ("percentage", "rate_per_10000")
        measure = Measure(
            reference=f"{PREFIX}{i + 1:03d}",
            title=(f"Percentage of {subject}" if unit == "percentage" else subject.capitalize())
            + (f" ({i // len(SUBJECTS) + 1})" if i >= len(SUBJECTS) else ""),
            outcome=outcomes[i % len(outcomes)],
            order=i,
            definition=paragraph(rng, 2),
            numerator_definition=paragraph(rng, 1) if rate else "",
            denominator_definition=paragraph(rng, 1) if rate else "",
            unit=unit,
            decimal_places=places,
            polarity=("higher", "lower", "target")[i % 3],
            frequency="quarterly",
            how_taken=("snapshot", "rolling_12_months", "year_to_date")[i % 3],
            data_lag=("", "3 months", "6 months")[i % 3],
            service="Children's Services",
            data_source="Local case management system",
            about_target_range=paragraph(rng, 1),
            about_benchmarking=paragraph(rng, 3),
        )
        measures.append(measure)
        target = Decimal(base + rng.randint(-spread // 4, spread // 4))
        band = max(Decimal(1), (target * Decimal("0.05")).quantize(Decimal(1)))
        for year in (2016, 2017):
            targets.append(
                Target(
                    measure=measure,
                    year=year,
                    value=target,
                    band_low=target - band,
                    band_high=target + band,
                    about_target=paragraph(rng, 1),
                )
            )
        for period in FIGURES:
            value = target + Decimal(rng.uniform(-2.5, 2.5)) * band
            if unit == "percentage":
                value = min(value, Decimal(100))
            figures.append(
                Actual(
                    measure=measure,
                    year=period.year,
                    quarter=period.quarter,
                    value=round(value, places),
                    covers_label=f"As at {period.end:%-d %B %Y}",
                    commentary=text(rng, rng.randint(1, 2)),
                    forecast=round(target + Decimal(rng.uniform(-1, 1)) * band, places),
                    state=State.PUBLISHED,
                    published_at=published,
                )
            )
    Measure.objects.bulk_create(measures)
    Target.objects.bulk_create(targets)
    Actual.objects.bulk_create(figures)
    committee.measures.set(measures)


@transaction.atomic
def create_meeting(*, names: str = "") -> Meeting:
    """The bench committee and its meeting; `names` prefixes the ambitions (beside the demo's)."""
    committee = Committee.objects.create(
        name="Bench Pack Scrutiny Committee",
        slug=SLUG,
        kind="scrutiny_committee",
        contact="Democratic Services, 01522 552334",
    )
    for n, name in enumerate(["A Adams", "B Brown", "C Clarke", "D Davies", "E Evans", "F Ford"]):
        person = Person.objects.create(key=f"bench-pack-{n}", name=name, kind="councillor")
        role = ("chair", "vice_chair")[n] if n < 2 else "member"
        Membership.objects.create(person=person, committee=committee, role=role)
    create_measures(committee, names=names)
    meeting = Meeting.objects.create(committee=committee, date=date(2017, 9, 8), venue="Lincoln")
    rng = random.Random(8)
    titles = [
        "Apologies for absence and replacement members",
        "Declarations of members' interests",
        "Announcements by the Chairman, Executive Councillors and Lead Officers",
        "Minutes of the previous meeting",
        "Performance - Quarter 1 2017/18",
        "Schools' Funding Formula 2018/19",
        "SEND Strategy and home to school transport",
        "Local Safeguarding Children Board annual report",
        "Work programme",
    ]
    items = {
        number: AgendaItem.objects.create(
            meeting=meeting,
            number=number,
            title=title,
            purpose="Performance Scrutiny" if number == 5 else "procedural",
            period=PERIOD.label if number == 5 else "",
        )
        for number, title in enumerate(titles, 1)
    }
    Paper.objects.create(
        item=items[5], kind="report", title="Performance report", text=text(rng, 6)
    )
    Paper.objects.create(
        item=items[5],
        kind="appendix",
        letter="A",
        title=f"Performance measures, {PERIOD.label}",
        generated="measures",
    )
    for number in (7, 8, 9):
        Paper.objects.create(
            item=items[number], kind="report", title=titles[number - 1], text=text(rng, 5)
        )
    for number, paper, title, pages, landscape, exempt in UPLOADS:
        record = Paper(
            item=items[number],
            kind="report" if paper == "report" else "appendix",
            letter="" if paper == "report" else paper,
            title=title,
            exempt_paragraph=exempt,
        )
        record.file.save("paper.pdf", ContentFile(upload_pdf(title, pages, landscape=landscape)))
    return meeting


class TreeSampler(threading.Thread):
    """Samples the PSS of this process and of its descendants (Chromium and its helpers).

    RUSAGE_CHILDREN only sees the processes that were waited for, and keeps the largest
    single one; Chromium's renderer is neither, so the tree is also sampled from /proc.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.chromium = self.together = self.processes = 0
        self.running = True

    @staticmethod
    def pss(pid: str) -> int:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            return 0
        found = [line for line in rollup.splitlines() if line.startswith("Pss:")]
        return int(found[0].split()[1]) if found else 0

    @staticmethod
    def descendants() -> list[str]:
        parents: dict[str, list[str]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            parents.setdefault(fields[1], []).append(stat.parent.name)
        found, todo = [], [str(os.getpid())]
        while todo:
            children = parents.get(todo.pop(), [])
            found += children
            todo += children
        return found

    def run(self) -> None:
        while self.running:
            pids = self.descendants()
            chromium = sum(self.pss(pid) for pid in pids)
            self.chromium = max(self.chromium, chromium)
            self.together = max(self.together, chromium + self.pss(str(os.getpid())))
            self.processes = max(self.processes, len(pids))
            time.sleep(0.1)


def build_one(version: str, meeting_pk: int, media_root: str) -> None:
    """In a fresh process: build one version and print its figures as JSON."""
    from committees.packs import pdf
    from committees.packs.build import build_pack

    calls = {"start": 0, "draw": 0}
    drawing = pdf.chart_drawing

    def counting_drawing(charts, **kwargs):  # type: ignore[no-untyped-def]
        calls["start"] += 1
        calls["draw"] += len(charts)
        with drawing(charts, **kwargs) as pending:
            yield pending

    pdf.chart_drawing = contextmanager(counting_drawing)
    phases: list[tuple[float, int, str]] = []  # when each step started, python's peak then

    def progress(message: str) -> None:
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        phases.append((time.perf_counter(), maxrss, message))

    queries = [0]

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries[0] += 1
        return execute(sql, params, many, context)

    meeting = Meeting.objects.select_related("committee").get(pk=meeting_pk)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sampler = TreeSampler()
    sampler.start()
    with override_settings(MEDIA_ROOT=media_root), connection.execute_wrapper(count):
        started = time.perf_counter()
        pack = build_pack(meeting=meeting, version=version, progress=progress)
        seconds = time.perf_counter() - started
    sampler.running = False
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ends = [(at, maxrss) for at, maxrss, _ in phases[1:]] + [(started + seconds, after)]
    starts = [started] + [at for at, _ in ends[:-1]]
    result = {
        "seconds": seconds,
        "pages": pack.pages,
        "size": pack.size,
        "fully_tagged": pack.fully_tagged,
        "maxrss_before": before,
        "maxrss": after,
        "children_maxrss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "chromium_pss": sampler.chromium,
        "together_pss": sampler.together,
        "tree_processes": sampler.processes,
        "starts": calls["start"],
        "charts": calls["draw"],
        "queries": queries[0],
        "phases": [
            (message, end - start, maxrss)
            for start, (end, maxrss), (_, _, message) in zip(starts, ends, phases, strict=True)
        ],
    }
    print(json.dumps(result))


def change_one_figure() -> None:
    """One measure's latest figure revised, as an officer correcting a return would."""
    latest = FIGURES[-1]
    figure = Actual.objects.get(
        measure__reference=f"{PREFIX}001", year=latest.year, quarter=latest.quarter
    )
    figure.value += 1
    figure.save(update_fields=["value"])


def mib(kib: int) -> str:
    return f"{kib / 1024:,.0f} MiB"


def main() -> None:
    call_command("migrate", verbosity=0)
    media = tempfile.mkdtemp(prefix="bench-pack-media-")
    try:
        with override_settings(MEDIA_ROOT=media):
            delete_data()
            started = time.perf_counter()
            meeting = create_meeting()
            setup = time.perf_counter() - started
            pages = sum(upload[3] for upload in UPLOADS)
            exempt = sum(upload[3] for upload in UPLOADS if upload[5])
            print(
                f"{MEASURES} quarterly measures in the {PERIOD.label} appendix, "
                f"{len(UPLOADS)} uploaded papers of {pages} pages ({exempt} of them exempt); "
                f"data and PDFs made in {setup:.1f} s"
            )
            print(
                f"Aim: each build under {AIM_SECONDS} s and under 1 GB of memory; cold at most "
                f"{AIM_COLD}x the warm build (every chart already drawn: the layout floor), one "
                f"figure changed at most {AIM_ONE_CHANGED}x"
            )
            results = {}
            for label, version in BUILDS:
                if label == "one changed":
                    change_one_figure()
                run = subprocess.run(
                    [sys.executable, __file__, "--build", version, str(meeting.pk), media],
                    stdout=subprocess.PIPE,
                    text=True,
                    check=True,
                )
                results[label] = json.loads(run.stdout.strip().splitlines()[-1])
            report(results)
            delete_data()
    finally:
        shutil.rmtree(media, ignore_errors=True)


def report(results: dict[str, dict]) -> None:
    print(
        f"{'build':<12} {'seconds':>8} {'pages':>6} {'pages/s':>8} {'size':>8} {'tagged':>7} "
        f"{'python':>9} {'children':>9} {'together':>9} {'queries':>8}  within aim"
    )
    for version, r in results.items():
        within = r["seconds"] < AIM_SECONDS and r["together_pss"] * 1024 < AIM_BYTES
        within = within and r["maxrss"] * 1024 < AIM_BYTES
        print(
            f"{version:<12} {r['seconds']:>8.1f} {r['pages']:>6} "
            f"{r['pages'] / r['seconds']:>8.1f} {r['size'] / 1024 / 1024:>6.1f}MB "
            f"{'fully' if r['fully_tagged'] else 'partly':>7} {mib(r['maxrss']):>9} "
            f"{mib(r['chromium_pss']):>9} {mib(r['together_pss']):>9} {r['queries']:>8}  "
            f"{'yes' if within else 'NO'}"
        )
    print(
        "python: peak RSS of the building process (RUSAGE_SELF ru_maxrss); children: peak PSS "
        "of its child processes (Chromium and its helpers, and the processes that check "
        "uploads and lay out pages), sampled every 0.1 s; together: both at once"
    )
    floor = results["warm"]["seconds"]
    for label, aim in (("cold", AIM_COLD), ("one changed", AIM_ONE_CHANGED)):
        ratio = results[label]["seconds"] / floor
        print(
            f"{label}: {results[label]['seconds']:.1f} s = {ratio:.2f}x the layout floor "
            f"({floor:.1f} s, every chart cached); aim at most {aim}x: "
            f"{'yes' if ratio <= aim else 'NO'}"
        )
    for version, r in results.items():
        print(
            f"{version}: {r['charts']} charts drawn for {MEASURES} measures, Chromium started "
            f"{r['starts']} time(s), at most {r['tree_processes']} Chromium processes; "
            f"largest one waited for (RUSAGE_CHILDREN ru_maxrss) {mib(r['children_maxrss'])}; "
            f"python {mib(r['maxrss_before'])} before the build"
        )
        for message, seconds, maxrss in r["phases"]:
            print(f"  {seconds:6.1f} s  {message} (python peak {mib(maxrss)} by its end)")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--build":
        build_one(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        main()
