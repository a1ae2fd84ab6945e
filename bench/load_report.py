"""The tables `make loadtest` prints: p95 per kind of request beside the floor page's p95 in the
same run (ratio; goal every kind <= 10x the floor, 0 errors), CPU ms per kind from the gunicorn
workers, and what happened in each fault phase."""

import io
import math
import re
import statistics
from pathlib import Path

FLOOR = "FLOOR: /ping/"
GOAL_RATIO = 10
# How each request the workers served maps to the locustfile's names (for CPU per kind).
KINDS = [
    ("GET", r"^/sign-in/$", "sign in (page)"),
    ("POST", r"^/sign-in/$", "sign in"),
    ("GET", r"^/councils/[^/]+/self-audit/$", "officer: task list"),
    ("GET", r"^/councils/[^/]+/self-audit/standards/\d+/$", "officer: standard page"),
    ("POST", r"^/councils/[^/]+/self-audit/standards/\d+/$", "officer: save standard"),
    ("GET", r"^/councils/[^/]+/self-audit/check/$", "officer: check answers"),
    ("GET", r"^/inspector/$", "inspector: workspace"),
    ("GET", r"^/councils/[^/]+/self-audit/versions/\d+/$", "inspector: read a return"),
    ("GET", r"^/national/overview/$", "inspector: national overview"),
    ("GET", r"^/councils/[^/]+/evaluations/\d+/edit/$", "inspector: evaluation form"),
    ("POST", r"^/councils/[^/]+/evaluations/\d+/edit/$", "inspector: save evaluation"),
    ("GET", r"^/councils/[^/]+/dashboard/$", "director: dashboard"),
    ("GET", r"^/councils/[^/]+/evaluations/\d+/pdf/$", "director: evaluation PDF"),
    ("GET", r"^/ping/$", FLOOR),
]


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else 0.0


def cpu_by_kind(log_prefix: Path) -> dict[str, list[float]]:
    spent: dict[str, list[float]] = {}
    compiled = [(m, re.compile(r), name) for m, r, name in KINDS]
    for log in log_prefix.parent.glob(log_prefix.name + ".*"):
        for line in log.read_text().splitlines():
            method, path, ms = line.split(" ")
            for want, pattern, name in compiled:
                if method == want and pattern.match(path):
                    spent.setdefault(name, []).append(float(ms))
                    break
    return spent


def kinds_table(samples, cpu, out) -> bool:
    """p95 per kind against the floor's; True when every kind is within the goal."""
    by_name: dict[str, list] = {}
    for sample in samples:
        by_name.setdefault(sample[1], []).append(sample)
    floor_times = [s[2] for s in by_name.get(FLOOR, []) if s[3] == "ok"]
    floor_p95 = percentile(floor_times, 0.95) or 1.0
    header = (
        f"{'request':<30} {'count':>6} {'errors':>6} {'median':>7} {'p95 ms':>7} "
        f"{'x floor':>8} {'CPU ms':>7}"
    )
    print(header, file=out)
    within = True
    for name, chosen in sorted(by_name.items(), key=lambda item: item[0] != FLOOR):
        times = [s[2] for s in chosen]
        p95 = percentile(times, 0.95)
        ratio = p95 / floor_p95
        over = ratio > GOAL_RATIO and name != FLOOR
        within &= not over
        spent = cpu.get(name, [])
        cpu_text = f"{statistics.median(spent):.0f}" if spent else "-"
        print(
            f"{name:<30} {len(chosen):>6} {sum(s[3] != 'ok' for s in chosen):>6} "
            f"{statistics.median(times):>7.0f} {p95:>7.0f} {ratio:>7.1f}x{' over' if over else ''} "
            f"{cpu_text:>7}",
            file=out,
        )
    return within


def phase_line(name, chosen, out) -> None:
    times = [s[2] for s in chosen]
    problem = sum(s[3] == "problem page" for s in chosen)
    bad = sum(s[3] == "bad" for s in chosen)
    print(
        f"{name:<44} {len(chosen):>6} {problem:>8} {bad:>5} {percentile(times, 0.95):>7.0f}",
        file=out,
    )


def report(samples, outcomes, cpu, events, saves, args) -> tuple[str, bool]:
    """The whole printout, and whether the run met its goals."""
    out = io.StringIO()
    first_fault = events.get("postgres restart", (math.inf, 0))[0]
    normal = [s for s in samples if s[0] < first_fault]
    print(
        f"\nDeadline model: {args.people} people ({args.officers} officers, {args.directors} "
        f"directors, {args.inspectors} inspectors) + 1 on the floor page, {args.seconds} s, "
        f"sign-ins over the first {args.spread} s; gunicorn {args.workers} workers, PostgreSQL "
        "and Redis of the test's own, loopback",
        file=out,
    )
    print(f"\nBefore any fault (p95 against the floor's p95; goal <= {GOAL_RATIO}x, 0 errors; "
          "CPU ms = the worker's median CPU time for the kind, whole run):", file=out)  # fmt: skip
    within = kinds_table(normal, cpu, out)
    normal_errors = sum(s[3] != "ok" for s in normal)
    print(f"\nErrors before any fault: {normal_errors}", file=out)

    print("\nFault phases:", file=out)
    print(f"{'phase':<44} {'count':>6} {'problem':>8} {'other':>5} {'p95 ms':>7}", file=out)
    timeline = sorted((when, name) for name, (when, _) in events.items())
    edges = [(-math.inf, "before any fault")] + [(w, n) for w, n in timeline] + [(math.inf, "")]
    for (start, name), (end, _) in zip(edges, edges[1:], strict=False):
        if name:
            phase_line(f"{name} ->", [s for s in samples if start <= s[0] < end], out)
    for name, (when, back) in sorted(events.items(), key=lambda e: e[1][0]):
        if back:
            failed_after = [s[0] for s in samples if s[3] != "ok" and s[0] >= when]
            last = max(failed_after, default=None)
            recovered = "no error" if last is None else f"last error {last - back:+.1f} s"
            print(f"  {name}: down {back - when:.1f} s; {recovered} from it being back", file=out)
    bad_total = sum(s[3] == "bad" for s in samples)
    print(f"\nAnswers that were neither expected nor GOV.UK's problem page: {bad_total}", file=out)
    print(f"Acknowledged saves: {saves['acknowledged']}, found afterwards: {saves['found']}, "
          f"missing: {saves['missing']}", file=out)  # fmt: skip
    print("Saves:", file=out)
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}", file=out)
    ok = within and normal_errors == 0 and bad_total == 0 and saves["missing"] == 0
    print(f"\nGoals met: {'yes' if ok else 'NO'}", file=out)
    return out.getvalue(), ok
