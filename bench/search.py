"""Search time at scale on PostgreSQL: 10,000 papers and 200 measures x 40 quarters.

Papers get about 2,000 characters each, drawn from the demo's published papers; every figure
is published with commentary. Each query is run 50 times through the search page (Django's
test client, so the time includes rendering) as the public; prints p50 and p95 per query,
and /healthz's as the floor (the machine's own speed at the time).
"""

import os
import random
import re
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")

import django  # noqa: E402

django.setup()

from dashboard import REQUESTS, make_outcomes, measure, prepare  # noqa: E402  (bench/dashboard.py)
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from committees.models import AgendaItem, Committee, Meeting, Paper  # noqa: E402
from measures.models import Actual, Ambition, Measure, Outcome, State, Target  # noqa: E402
from measures.rules.periods import Period  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAPERS, PAPERS_PER_MEETING, MEASURES, YEARS = 10_000, 20, 200, 10
QUERIES = [
    "adoption",
    "looked after children",
    '"looked after" -adoption',
    "fostering placements",
    "school exclusions",
    "Ofsted inspection outcomes",
    "care leavers in education",
    "xyzzy",
    "children",  # in almost every row
]


def corpus() -> list[str]:
    """The demo's published papers, as sentences."""
    text = " ".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures/demo/papers").rglob("*.md"))
    )
    text = re.sub(r"[#|*_>\-]+", " ", text)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 4]


def prose(sentences: list[str], chars: int, rng: random.Random) -> str:
    out: list[str] = []
    while sum(len(s) for s in out) < chars:
        out.append(rng.choice(sentences))
    return " ".join(out)


@transaction.atomic
def build() -> None:
    rng = random.Random(17)
    sentences = corpus()
    Meeting.objects.filter(committee__slug__startswith="bench-").delete()
    Committee.objects.filter(slug__startswith="bench-").delete()
    for model in (Actual, Target, Measure, Outcome, Ambition):
        model.objects.all().delete()
    committees = [
        Committee.objects.create(name=f"Bench committee {n}", slug=f"bench-{n}", kind="other")
        for n in range(4)
    ]
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            committee=committees[n % 4],
            date=date(2010, 1, 4) + timedelta(days=7 * n),
            agenda_published_at=now,
        )
        for n in range(PAPERS // PAPERS_PER_MEETING)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, number=n + 1, title=prose(sentences, 60, rng)[:500])
        for m in meetings
        for n in range(PAPERS_PER_MEETING)
    )
    Paper.objects.bulk_create(
        Paper(
            item=item,
            kind="report",
            title=prose(sentences, 60, rng)[:500],
            text=prose(sentences, 2000, rng),
            published_at=now,
            # One in a hundred exempt: the public's searches must filter them out.
            exempt_paragraph=3 if n % 100 == 0 else None,
        )
        for n, item in enumerate(items)
    )
    outcomes = make_outcomes()
    measures = Measure.objects.bulk_create(
        Measure(
            reference=f"BENCH-{i:03d}",
            title=prose(sentences, 40, rng)[:300],
            definition=prose(sentences, 300, rng),
            outcome=outcomes[i % 10],
            order=i,
            unit="rate_per_10000",
            decimal_places=1,
            polarity="higher",
            frequency="quarterly",
        )
        for i in range(MEASURES)
    )
    periods = Period.parse("2017/18 Q1").last_n(YEARS * 4)
    Actual.objects.bulk_create(
        Actual(
            measure=m,
            year=p.year,
            quarter=p.quarter,
            value=Decimal(40 + n % 12),
            commentary=prose(sentences, 400, rng),
            state=State.PUBLISHED,
            published_at=now,
        )
        for m in measures
        for n, p in enumerate(periods)
    )
    for m in committees:
        m.measures.set(measures[:50])


def main() -> None:
    prepare()
    build()
    # As autovacuum leaves a live database: the GIN indexes' pending lists merged, statistics.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    client = Client()
    size = f"{PAPERS:,} papers, {MEASURES} measures x {YEARS * 4} quarters"
    print(f"{size}, {REQUESTS} requests each")
    print(f"{'search (the public)':<44} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    searches = {"(floor: /healthz, one query)": "/healthz"}
    for query in QUERIES:
        searches[query] = "/search/?" + urlencode({"q": query})
        searches[f"{query}, by date"] = "/search/?" + urlencode({"q": query, "order": "date"})
    one = {"q": "adoption", "kind": "paper", "committee": "bench-1"}
    searches["adoption, papers of one committee"] = "/search/?" + urlencode(one)
    worst = 0.0
    for name, path in searches.items():
        p50, p95, queries = measure(client, path)
        worst = max(worst, p95) if path != "/healthz" else worst
        print(f"{name:<44} {p50:>8.1f} {p95:>8.1f} {queries:>8}")
    print(f"worst p95: {worst:.1f} ms")


if __name__ == "__main__":
    main()
