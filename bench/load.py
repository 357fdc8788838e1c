"""Load held: gunicorn (4 workers) on PostgreSQL under 20 concurrent clients, three ways.

200 quarterly measures with 40 quarters of figures beside the demo (its committee, meetings,
papers and the national LAIT data), served by gunicorn with gunicorn.conf.py. Twenty client
threads request the public pages (dashboard, latest position, a measure page, a meeting page,
the benchmarks explorer, an indicator page, the CSV export) and, signed in as the demo
officer, the figures admin list, while a figure is published every 10 s. Four runs:
steady; while the demo meeting's full agenda pack builds (`manage.py build_pack`, another
process); with PostgreSQL stopped for 10 s in the middle, checking /healthz answers 503
during the outage, that the service recovers by itself and that no committed write is lost;
and ("worker") while the database worker (`manage.py db_worker`, beside gunicorn) builds
bench/pack.py's 240-page full pack, queued as the admin's button queues it.

Prints requests/s, p50/p95/p99 per page (and p95 of pages served from the cache and of
those made afresh after a publish) and the errors. LOAD_SECONDS shortens each run (60).
Run by `make bench` against the throwaway PostgreSQL; asserts nothing.
"""

import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")

import django  # noqa: E402

django.setup()

import dashboard  # noqa: E402  (bench/dashboard.py: its 200 measures x 40 quarters)
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import DatabaseError, connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from committees.models import Meeting, Pack, Paper  # noqa: E402
from measures.benchmarking.models import BenchmarkIndicator  # noqa: E402
from measures.models import Actual, Measure, State  # noqa: E402

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
RUNS = os.environ.get("LOAD_RUNS", "steady,pack,outage,worker").split(",")
CLIENTS, WORKERS = 20, 4
MEASURES, QUARTERS = dashboard.MEASURES, dashboard.YEARS * 4
PUBLISH_EVERY, OUTAGE = 10.0, 10.0
PREFIX = "LOAD-"


@transaction.atomic
def build() -> None:
    """200 measures x 40 quarters of published figures, beside the demo's own."""
    if not Measure.objects.filter(reference__startswith=PREFIX).exists():
        dashboard.create_measures(PREFIX, names="Load ", order=100)


def publish_a_figure(serial: int) -> None:
    """Change a published figure, as a performance lead publishing a correction would."""
    figure = Actual.objects.filter(measure__reference=f"{PREFIX}007", year=2017).get()
    figure.value = Decimal(40 + serial % 12)
    figure.save()


@dataclass
class Result:
    page: str
    at: float
    ms: float
    status: int
    hit: bool


@dataclass
class Run:
    """What the clients saw in one run."""

    results: list[Result] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, result: Result) -> None:
        with self.lock:
            self.results.append(result)


def request(port: int, path: str, cookie: str = "") -> tuple[int, bool]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("X-Cache") == "hit"
    finally:
        conn.close()


def client(port: int, pages: dict[str, tuple[str, str]], run: Run, stop: threading.Event) -> None:
    rng = random.Random(threading.get_ident())
    names = list(pages)
    while not stop.is_set():
        name = rng.choice(names)
        path, cookie = pages[name]
        start = time.perf_counter()
        try:
            status, hit = request(port, path, cookie)
        except OSError:
            status, hit = 0, False
        run.add(Result(name, time.monotonic(), (time.perf_counter() - start) * 1000, status, hit))


def publisher(stop: threading.Event, published: list[float]) -> None:
    serial = 0
    while not stop.wait(PUBLISH_EVERY):
        serial += 1
        try:
            publish_a_figure(serial)
            published.append(time.monotonic())
        except DatabaseError:
            connection.close()  # the outage: try again next time


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def report(title: str, run: Run, seconds: float, skip: tuple[float, float] | None = None) -> None:
    print(f"\n{title}: {CLIENTS} clients, {seconds:.0f} s")
    by_page: dict[str, list[Result]] = defaultdict(list)
    for result in run.results:
        by_page[result.page].append(result)
    print(
        f"{'page':<30} {'req':>6} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} "
        f"{'hit p95':>8} {'miss p95':>9} {'errors':>7}"
    )
    total_errors = 0
    for page, results in by_page.items():
        ok = [r for r in results if r.status == 200]
        times = [r.ms for r in ok]
        errors = [r for r in results if r.status != 200]
        if skip:
            errors = [r for r in errors if not skip[0] <= r.at <= skip[1]]
        total_errors += len(errors)
        print(
            f"{page:<30} {len(results):>6} {len(results) / seconds:>7.1f} "
            f"{statistics.median(times) if times else float('nan'):>7.0f} "
            f"{percentile(times, 0.95):>7.0f} {percentile(times, 0.99):>7.0f} "
            f"{percentile([r.ms for r in ok if r.hit], 0.95):>8.0f} "
            f"{percentile([r.ms for r in ok if not r.hit], 0.95):>9.0f} {len(errors):>7}"
        )
    everything = [r.ms for r in run.results if r.status == 200]
    print(
        f"{'all pages':<30} {len(run.results):>6} {len(run.results) / seconds:>7.1f} "
        f"{statistics.median(everything) if everything else float('nan'):>7.0f} "
        f"{percentile(everything, 0.95):>7.0f} {percentile(everything, 0.99):>7.0f} "
        f"{'':>8} {'':>9} {total_errors:>7}" + (" (outside the outage)" if skip else "")
    )


def drive(port: int, pages: dict[str, tuple[str, str]], seconds: float) -> Run:
    run, stop, published = Run(), threading.Event(), []
    threads = [
        threading.Thread(target=client, args=(port, pages, run, stop)) for _ in range(CLIENTS)
    ]
    threads.append(threading.Thread(target=publisher, args=(stop, published)))
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return run


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if request(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("gunicorn did not start")
        time.sleep(0.2)


class Postgres:
    """The throwaway cluster scripts/with-postgres started, stopped and started again."""

    def __init__(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('data_directory'), "
                "current_setting('unix_socket_directories'), current_setting('port')"
            )
            self.data, self.sockets, self.port = cursor.fetchone()
        connection.close()
        pg_ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        self.pg_ctl = str(pg_ctl[0])

    def _run(self, *args: str) -> None:
        command = [self.pg_ctl, "-D", self.data, *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    def stop(self) -> None:
        self._run("-m", "fast", "-w", "stop")

    def start(self) -> None:
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.sockets} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(Path(self.data).parent / "server.log")
        self._run("-l", log, "-w", "-o", options, "start")


def outage(port: int, pages: dict[str, tuple[str, str]], seconds: float) -> None:
    """A run with PostgreSQL stopped for OUTAGE seconds a third of the way in."""
    postgres = Postgres()
    health: list[tuple[float, int]] = []
    writes: list[tuple[int, bool]] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.5):
            try:
                health.append((time.monotonic(), request(port, "/healthz")[0]))
            except OSError:
                health.append((time.monotonic(), 0))

    def write() -> None:
        # One new published figure a second, each in its own transaction; after the run every
        # write that reported success must be there.
        measure, serial = Measure.objects.get(reference=f"{PREFIX}000"), 0
        while not stop.wait(1.0):
            serial += 1
            try:
                Actual.objects.create(
                    measure=measure,
                    year=2100 + serial,
                    quarter=1,
                    value=serial,
                    state=State.PUBLISHED,
                    published_at=timezone.now(),
                )
                writes.append((serial, True))
            except DatabaseError:
                writes.append((serial, False))
                connection.close()
        connection.close()

    watcher, writer = threading.Thread(target=watch), threading.Thread(target=write)
    watcher.start()
    writer.start()
    window: list[float] = []

    def cut() -> None:
        time.sleep(seconds / 3)
        window.append(time.monotonic())
        postgres.stop()
        time.sleep(OUTAGE)
        postgres.start()
        window.append(time.monotonic())

    cutter = threading.Thread(target=cut)
    cutter.start()
    run = drive(port, pages, seconds)
    cutter.join()
    stop.set()
    watcher.join()
    writer.join()
    down, up = window
    report(
        f"PostgreSQL stopped for {OUTAGE:.0f} s",
        run,
        seconds,
        skip=(down, up + 2),  # requests under way when it stopped, and reconnecting
    )
    during = [status for at, status in health if down + 1 <= at <= up - 1]
    recovered = next((at for at, status in health if at > up and status == 200), None)
    print(
        f"/healthz during the outage: {sorted(set(during))} ({len(during)} checks); "
        + (
            f"200 again {recovered - up:.1f} s after PostgreSQL started"
            if recovered
            else "never 200 again"
        )
    )
    kept = set(
        Actual.objects.filter(measure__reference=f"{PREFIX}000", year__gt=2100).values_list(
            "year", flat=True
        )
    )
    succeeded = {2100 + serial for serial, ok in writes if ok}
    failed = [serial for serial, ok in writes if not ok]
    print(
        f"writes: {len(succeeded)} committed, {len(failed)} refused during the outage, "
        f"{len(succeeded - kept)} committed but lost, {len(kept - succeeded)} stored but refused"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    build()
    # The demo meeting with the most papers: its pack is the longest.
    meeting = (
        Meeting.objects.filter(agenda_published_at__isnull=False)
        .annotate(papers=Count("items__papers"))
        .order_by("-papers", "-date")
        .first()
    )
    indicator = BenchmarkIndicator.objects.filter(values__isnull=False).order_by("pk").first()
    officer = Client()
    officer.force_login(officer_user())
    cookie = f"{settings.SESSION_COOKIE_NAME}={officer.cookies[settings.SESSION_COOKIE_NAME].value}"
    pages = {
        "dashboard": ("/", ""),
        "latest position": ("/?view=latest", ""),
        "measure page": (f"/measures/{PREFIX}007/", ""),
        "meeting page": (meeting.get_absolute_url(), ""),
        "benchmarks explorer": ("/benchmarks/", ""),
        "indicator page": (f"/benchmarks/{indicator.slug}/", ""),
        "CSV export": ("/dashboard.csv", ""),
        "figures admin (officer)": ("/admin/measures/actual/", cookie),
    }
    static = tempfile.mkdtemp(prefix="scrutiny-load-static-")
    media = Path(settings.MEDIA_ROOT)
    env = {
        **os.environ,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": static,
        "MEDIA_ROOT": str(media),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "scrutiny.wsgi"]
        + ["--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(port)
        for path, cookie in pages.values():
            status, _ = request(port, path, cookie)
            assert status == 200, (path, status)
        print(
            f"{MEASURES} measures x {QUARTERS} quarters and the demo; gunicorn, {WORKERS} "
            f"workers; a figure published every {PUBLISH_EVERY:.0f} s"
        )
        if "steady" in RUNS:
            report("Steady", drive(port, pages, SECONDS), SECONDS)
        if "pack" in RUNS:
            while_pack_builds(port, pages, meeting, env)
        if "outage" in RUNS:
            outage(port, pages, max(SECONDS, 3 * OUTAGE))
        if "worker" in RUNS:
            while_the_worker_builds(port, pages, env)
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(static, ignore_errors=True)


def beside(
    port: int, pages: dict[str, tuple[str, str]], command: list[str], env: dict[str, str]
) -> tuple[Run, str, int, float]:
    """Drive the clients while `command` runs (at least SECONDS): what they saw, its log and
    exit status, and how long it all took."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    run, stop = Run(), threading.Event()
    threads = [
        threading.Thread(target=client, args=(port, pages, run, stop)) for _ in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(SECONDS)
    log, _ = process.communicate(timeout=1800)
    stop.set()
    for thread in threads:
        thread.join()
    return run, log, process.returncode, time.monotonic() - started


def while_pack_builds(
    port: int, pages: dict[str, tuple[str, str]], meeting: Meeting, env: dict[str, str]
) -> None:
    """A run while another process builds the meeting's full agenda pack."""
    output = Path(tempfile.mkdtemp(prefix="scrutiny-load-pack-")) / "pack.pdf"
    command = ["build_pack", meeting_argument(meeting), "--full", "--output", str(output)]
    run, log, status, took = beside(port, pages, command, env)
    report(f"While the full pack builds ({pack_pages(output)} pages)", run, took)
    print(f"pack build: exit {status} after {took:.0f} s")
    if status:
        print(log[-2000:])
    shutil.rmtree(output.parent, ignore_errors=True)


def while_the_worker_builds(
    port: int, pages: dict[str, tuple[str, str]], env: dict[str, str]
) -> None:
    """A run while the database worker builds bench/pack.py's full pack, queued as in the admin.

    Its committee's 60 measures join the dashboard's from here on: run it last.
    """
    import pack as bench_pack  # bench/pack.py: its committee, measures, papers and uploads

    from committees.packs.queue import queue_pack_build

    with transaction.atomic():
        meeting = bench_pack.create_meeting(names="Pack bench: ")
        build = queue_pack_build(meeting=meeting, version="full")
    command = ["db_worker", "--batch", "--no-reload", "--no-startup-delay"]
    run, log, _, took = beside(port, pages, [*command, "--worker-id", "load-bench"], env)
    build.refresh_from_db()
    pages_built = build.pack.pages if build.pack else "no"
    report(f"While the worker builds the bench pack ({pages_built} pages)", run, took)
    print(f"pack build in the worker: {build.state} after {took:.0f} s ({build.outcome})")
    if build.state != "done":
        print(log[-2000:])
    # The pack and the uploads are files in MEDIA_ROOT: the throwaway database goes, they would not.
    for built in Pack.objects.filter(meeting=meeting):
        built.file.delete(save=False)
    for paper in Paper.objects.filter(item__meeting=meeting).exclude(file=""):
        paper.file.delete(save=False)


def officer_user():  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="officer")


def meeting_argument(meeting: Meeting) -> str:
    return f"{meeting.committee.slug}/{meeting.slug}"


def pack_pages(path: Path) -> str:
    try:
        from pypdf import PdfReader

        return str(len(PdfReader(path).pages))
    except Exception:  # noqa: BLE001 - a build that failed leaves no file
        return "no"


if __name__ == "__main__":
    main()
