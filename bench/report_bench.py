"""Cabinet report benchmark (issue 6): the render time and peak memory of cabinet-paper PDFs.

Standalone: it builds the demo data (`seed_demo`: Leicester's issued evaluation, Derby's action
plan with progress) in a throwaway SQLite database, whatever DATABASE_URL says, so it never
touches a real database. Run it from the project root:

    .venv/bin/python bench/report_bench.py [--runs 9]

Two papers: Derby's progress report with the statement of roles and the action plan attached
(about 10 pages: the target is a median under 1.5 s), and Leicester's evaluation-outcome report
with all four appendices (about 20 pages). Times are medians of --runs renders after one
warm-up render (the warm-up also decodes the shipped font, once per process). Peak memory is
measured on one more render: the Python heap's peak (tracemalloc) and the growth of the
process's maximum resident set.
"""

import argparse
import io
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="climbie-report-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ["DEBUG"] = "0"  # Django keeps every query in memory when DEBUG is on
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "climbie_audit.settings")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

TARGET_SECONDS = 1.5


def setup():
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_framework", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())


def build_reports():
    from climbie_audit.models import Council, User
    from reports import cabinet, roles
    from reports.models import Appendix, ReportKind

    derby = Council.objects.get(code="510")
    leicester = Council.objects.get(code="509")
    derby_director = User.objects.get(username="director.derby")
    leicester_director = User.objects.get(username="director.leicester")
    roles.start_from_template(derby, derby_director)
    progress = cabinet.draft_report(derby, ReportKind.PROGRESS, derby_director)
    progress = cabinet.save_report(
        progress,
        derby_director,
        progress.revision,
        {"appendices": [Appendix.ROLES, Appendix.ACTION_PLAN]},
    )
    evaluation = cabinet.draft_report(leicester, ReportKind.EVALUATION, leicester_director)
    return [
        ("Derby progress report, roles and action plan attached", progress, True),
        ("Leicester evaluation outcome, all four appendices", evaluation, False),
    ]


def pages_of(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def measure(report, runs: int) -> dict:
    from reports import cabinet

    content = cabinet.render_report_pdf(report)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        content = cabinet.render_report_pdf(report)
        times.append(time.perf_counter() - start)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    cabinet.render_report_pdf(report)
    _, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "pages": pages_of(content),
        "bytes": len(content),
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "heap_peak_mb": heap_peak / 2**20,
        "rss_growth_mb": (rss_after - rss_before) / 1024,
        "rss_mb": rss_after / 1024,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    try:
        setup()
        results = []
        for label, report, targeted in build_reports():
            figures = measure(report, args.runs)
            results.append((label, targeted, figures))
            print(
                f"{label}: {figures['pages']} pages, {figures['bytes'] / 1024:.0f} KiB; "
                f"median {figures['median']:.3f} s (min {figures['min']:.3f}, max "
                f"{figures['max']:.3f}, {args.runs} runs); peak Python heap "
                f"{figures['heap_peak_mb']:.1f} MiB; process max RSS {figures['rss_mb']:.0f} MiB "
                f"(+{figures['rss_growth_mb']:.1f} MiB during the measured render)"
            )
        slow = [
            label for label, targeted, f in results if targeted and f["median"] >= TARGET_SECONDS
        ]
        if slow:
            print(f"SLOWER than the {TARGET_SECONDS} s target: {', '.join(slow)}")
            return 1
        print(f"Within the {TARGET_SECONDS} s target for a ~10-page report.")
        return 0
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
