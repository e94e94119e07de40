#!/usr/bin/env python3
"""Benchmark `harness explore` against its Hypothesis peer, in one run (issue #5).

Both tools drive the same bundled simulator (`harness simulate interactive`, one process per
session) and check it against a model of the same rules.

  (a) throughput: steps/s of each tool against the true simulator (--steps each, --repeats
      times, alternating, median taken);
  (b) time-to-kill: for each mutant, the time to the first divergence, --budget seconds each.

For the harness, `harness explore` prints "divergence after N steps (T s)", where T includes
shrinking. Its detection time (before shrinking, as measured for Hypothesis) is then measured
by running the same seed again for N-1 steps at --level outcome (the same traces and per-step
comparisons, without the end-of-trace state check, so it stops just before the divergence):
the time of those N-1 steps. Both figures are reported; the ratios use detection times.
Harness runs get SWIFT_DETERMINISTIC_HASHING=1, so that the re-run reproduces the first run
(see HARNESS_ENV).

Usage:
  python3 benchmarks/compare.py                 # all 28 mutants, 30 s each, 10,000 steps
  python3 benchmarks/compare.py --mutants 8     # the first 8 mutants (quicker)
  python3 benchmarks/compare.py --mutant no-lockout --mutant lock-after-four

Prints a table and the ratios, and writes them to benchmarks/results.md (--output).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEER = HERE / "hypothesis_peer.py"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# The harness binary: build when missing or stale, then snapshot it so that a concurrent
# rebuild cannot swap it in the middle of the run.
# --------------------------------------------------------------------------------------------


def newest_source(root: Path) -> float:
    newest = (root / "Package.swift").stat().st_mtime
    for path in (root / "Sources").rglob("*"):
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
    return newest


def ensure_harness(path: Path, build: bool) -> None:
    stale = not path.exists() or path.stat().st_mtime < newest_source(ROOT)
    if not stale:
        return
    if not build:
        if path.exists():
            log(f"compare: warning: {path} is older than the sources (--no-build given)")
            return
        sys.exit(f"compare: {path} does not exist (build it, or drop --no-build)")
    log("compare: building the harness (bash scripts/build-release: a static executable) ...")
    for attempt in range(3):  # another engineer's edit during the build fails it; retry
        done = subprocess.run(
            ["bash", "scripts/build-release"],
            cwd=ROOT, stdout=sys.stderr, stderr=sys.stderr)
        if done.returncode == 0:
            return
        log(f"compare: build failed (attempt {attempt + 1})")
        time.sleep(5)
    if path.exists():
        log("compare: warning: using the existing, older harness binary")
        return
    sys.exit("compare: cannot build the harness")


# --------------------------------------------------------------------------------------------
# Running the tools.
# --------------------------------------------------------------------------------------------

# `harness explore` is reproducible from its seed across processes (since commit 8021b10 its
# generator no longer iterates a Swift Dictionary, whose order is randomised per process).
# Deterministic hashing stays as a guard: the re-run that times the detection must reproduce
# the first run exactly.
HARNESS_ENV = {**os.environ, "SWIFT_DETERMINISTIC_HASHING": "1"}

# `harness explore --jobs` for every harness run (set from --jobs in main).
JOBS = 2

EXPLORE_LINE = re.compile(r"explore: (\d+) steps in ([\d.]+) s \((\d+) steps/s\)")
DIVERGENCE_LINE = re.compile(r"divergence after (\d+) steps \(([\d.]+) s\)")


def run_explore(harness: str, seed: int, steps: int, mutant: str | None = None,
                seconds: float | None = None, level: str | None = None,
                jobs: int | None = None) -> dict:
    # --token-moves 0: the peer models the password and user rules only, so the harness
    # explores the same rules (token moves would also add RSA signing to its steps).
    argv = [harness, "explore", "--seed", str(seed), "--steps", str(steps), "--no-write",
            "--token-moves", "0"]
    if mutant:
        argv += ["--mutant", mutant]
    if seconds:
        argv += ["--time", f"{seconds:g}s"]
    if level:
        argv += ["--level", level]
    # --jobs: sequences run at once. Any number of jobs finds the same divergence after the
    # same steps from a seed, so the re-run below works with any.
    argv += ["--jobs", str(jobs or JOBS)]
    with tempfile.TemporaryDirectory(prefix="compare-explore-") as scratch:
        # --no-write: nothing is written, but run in a scratch folder all the same.
        started = time.monotonic()
        done = subprocess.run(argv, cwd=scratch, capture_output=True, text=True,
                              timeout=(seconds or 600) * 4 + 120, env=HARNESS_ENV)
        wall = time.monotonic() - started
    match = EXPLORE_LINE.search(done.stdout)
    if not match:
        raise RuntimeError(f"unexpected harness explore output (exit {done.returncode}):\n"
                           f"{done.stdout}\n{done.stderr}")
    ran, secs, rate = int(match[1]), float(match[2]), float(match[3])
    result = {"steps": ran, "seconds": secs, "rate": rate, "wall": wall,
              "command": " ".join(argv[1:])}
    divergence = DIVERGENCE_LINE.search(done.stdout)
    if divergence:
        result["steps_to_find"] = int(divergence[1])
        result["seconds_with_shrinking"] = float(divergence[2])
        rule = re.search(r"^\s+(HSM-[A-Z]+-\d+) \((\w+)\)", done.stdout, re.M)
        result["rule"] = rule[1] if rule else None
    elif "no divergence" not in done.stdout:
        raise RuntimeError(f"harness explore failed (exit {done.returncode}):\n"
                           f"{done.stdout}\n{done.stderr}")
    return result


def harness_time_to_kill(harness: str, seed: int, mutant: str, budget: float,
                         fallback_rate: float) -> dict:
    """Runs explore against the mutant; then measures the detection time without shrinking.

    The re-run (N-1 steps, same seed) assumes that explore is reproducible. When it is not
    (the re-run diverges before step N-1; seen for some mutants), it is tried up to three
    times, and then the detection time is estimated as N steps at the harness's throughput
    against the true simulator (marked as an estimate)."""
    first = run_explore(harness, seed, 1_000_000_000, mutant=mutant, seconds=budget)
    if "steps_to_find" not in first:
        return {"killed": False, "time_to_kill": None, "steps": first["steps"],
                "seconds": first["seconds"]}
    found = first["steps_to_find"]
    result = {"killed": True, "steps_to_find": found, "estimated": False,
              "with_shrinking": first["seconds_with_shrinking"], "rule": first.get("rule"),
              "irreproducible": []}
    if found == 1:
        # Found at the very first step: there are no steps before it to time, so take the
        # wall time of a one-step run (process start and shrinking of one step included).
        result["time_to_kill"] = run_explore(harness, seed, 1, mutant=mutant,
                                             level="outcome")["wall"]
        return result
    for _ in range(3):
        again = run_explore(harness, seed, found - 1, mutant=mutant, level="outcome")
        if "steps_to_find" not in again and again["steps"] == found - 1:
            # steps / rate has more digits than the printed seconds (0.1 s resolution).
            result["time_to_kill"] = (again["steps"] / again["rate"] if again["rate"] > 0
                                      else again["seconds"])
            return result
        result["irreproducible"].append(again.get("steps_to_find", again["steps"]))
    log(f"compare: warning: harness explore --seed {seed} --mutant {mutant} is not "
        f"reproducible (divergence after {found} steps, re-runs of {found - 1} steps diverged "
        f"after {result['irreproducible']}); estimating its detection time")
    result["time_to_kill"] = found / fallback_rate
    result["estimated"] = True
    return result


def pin_to_one_cpu() -> None:
    """Keeps the peer and its session processes on one CPU, as `harness explore` keeps each of
    its jobs and that job's sessions (CPUPinning.swift): a tool in lockstep with its SUT never
    needs two CPUs at once, and a wake-up on another CPU costs a virtual machine dearly. The
    peer gains a few percent from it; the harness 8 to 19 %."""
    if hasattr(os, "sched_setaffinity"):
        allowed = sorted(os.sched_getaffinity(0))
        if allowed:
            os.sched_setaffinity(0, {allowed[0]})


def run_peer(harness: str, seed: int, mutant: str | None = None, steps: int | None = None,
             seconds: float | None = None, shrink_seconds: float | None = None) -> dict:
    argv = [sys.executable, str(PEER), "--harness", harness, "--seed", str(seed)]
    if mutant:
        argv += ["--mutant", mutant]
    if steps:
        argv += ["--steps", str(steps)]
    if seconds:
        argv += ["--max-seconds", f"{seconds:g}"]
    if shrink_seconds is not None:
        argv += ["--shrink-seconds", f"{shrink_seconds:g}"]
    done = subprocess.run(argv, capture_output=True, text=True,
                          timeout=(seconds or 600) * 4 + 120, preexec_fn=pin_to_one_cpu)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        raise RuntimeError(f"the peer printed no result (exit {done.returncode}):\n"
                           f"{done.stdout}\n{done.stderr[-3000:]}") from None
    if "error" in result:
        log(f"compare: peer error: {result['error']}")
    counts = re.search(r"(\d+) steps in (\d+) test cases, (\d+) commands accepted",
                       done.stderr)
    if counts:
        result["test_cases"], result["accepted"] = int(counts[2]), int(counts[3])
    if result.get("killed"):
        first = re.search(r"first divergence after (\d+) steps", done.stderr)
        result["steps_to_find"] = int(first[1]) if first else None
    result["command"] = " ".join(["python3", "benchmarks/hypothesis_peer.py"] + argv[3:])
    return result


# --------------------------------------------------------------------------------------------
# Report.
# --------------------------------------------------------------------------------------------


def seconds_text(value: float | None) -> str:
    return "not killed" if value is None else f"{value:.2f} s"


def machine_text() -> str:
    cpu = ""
    with_open = Path("/proc/cpuinfo")
    if with_open.exists():
        for line in with_open.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores, {cpu or platform.processor() or 'unknown CPU'}, " \
           f"{platform.system()} {platform.release()}"


def load_text() -> str:
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def git_commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return (done.stdout.strip() or "unknown") + (" (with uncommitted changes)" if dirty else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--harness", default=str(ROOT / ".build" / "release" / "harness"))
    parser.add_argument("--no-build", action="store_true",
                        help="do not rebuild the harness when it is older than the sources")
    parser.add_argument("--steps", type=int, default=10_000,
                        help="steps per tool for the throughput part (default 10000)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="throughput runs per tool, alternating; the median is used")
    parser.add_argument("--budget", type=float, default=30, help="seconds per tool per mutant")
    parser.add_argument("--mutants", type=int, default=0,
                        help="only the first N mutants of --list-mutants (0: all)")
    parser.add_argument("--mutant", action="append", default=[], help="only this mutant")
    parser.add_argument("--seed", type=int, default=1, help="seed for both tools")
    parser.add_argument("--peer-shrink-seconds", type=float, default=5,
                        help="the peer's shrinking time after a kill (not part of its "
                             "time-to-kill; bounds the run's length)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="harness explore --jobs (default 2); the throughput part also "
                             "measures 1 job")
    parser.add_argument("--output", default=str(HERE / "results.md"))
    args = parser.parse_args()
    global JOBS
    JOBS = max(1, args.jobs)

    source = Path(args.harness)
    ensure_harness(source, not args.no_build)
    snapshot_dir = tempfile.mkdtemp(prefix="compare-harness-")
    try:
        harness = os.path.join(snapshot_dir, "harness")
        shutil.copy2(source.resolve(), harness)
        return benchmark(args, harness, source)
    finally:
        shutil.rmtree(snapshot_dir, ignore_errors=True)


def benchmark(args, harness: str, source: Path) -> int:
    listed = subprocess.run([harness, "simulate", "--list-mutants"], capture_output=True,
                            text=True, check=True).stdout.splitlines()
    rules = {line.split()[0]: line.split()[1] for line in listed if line.strip()}
    # The MFA and quorum mutants break rules the peer does not model: leave them out.
    token_rule = re.compile(r"HSM-(MFA|MFALOGIN|QUORUM|QGEN|QREG|TOKEN)-")
    mutants = [name for name, rule in rules.items() if not token_rule.match(rule)]
    if args.mutant:
        unknown = [name for name in args.mutant if name not in rules]
        if unknown:
            sys.exit(f"compare: unknown mutants: {', '.join(unknown)}")
        mutants = args.mutant
    elif args.mutants:
        mutants = mutants[: args.mutants]
    hypothesis_version = subprocess.run(
        [sys.executable, "-c", "import hypothesis; print(hypothesis.__version__)"],
        capture_output=True, text=True).stdout.strip() or "(installed by the peer)"
    started_at = datetime.datetime.now(datetime.timezone.utc)
    load_before = load_text()
    clock = time.monotonic()

    # (a) throughput against the true simulator.
    ours, theirs, single = [], [], []
    for repeat in range(args.repeats):
        a = run_explore(harness, args.seed + repeat, args.steps)
        log(f"compare: throughput {repeat + 1}/{args.repeats}: harness {a['rate']:.0f} steps/s "
            f"({a['steps']} steps in {a['seconds']} s, {JOBS} jobs)")
        if JOBS > 1:
            one = run_explore(harness, args.seed + repeat, args.steps, jobs=1)
            log(f"compare: throughput {repeat + 1}/{args.repeats}: harness {one['rate']:.0f} "
                f"steps/s with 1 job")
            single.append(one)
        b = run_peer(harness, args.seed + repeat, steps=args.steps)
        log(f"compare: throughput {repeat + 1}/{args.repeats}: hypothesis "
            f"{b['steps_per_second']:.0f} steps/s ({b['steps']} steps in {b['seconds']} s)"
            + (" [false divergence!]" if b.get("killed") else ""))
        ours.append(a)
        theirs.append(b)
    our_rate = statistics.median(r["rate"] for r in ours)
    single_rate = statistics.median(r["rate"] for r in single) if single else our_rate
    their_rate = statistics.median(r["steps_per_second"] for r in theirs)
    false_kills = sum(1 for r in theirs if r.get("killed")) + sum(
        1 for r in ours if "steps_to_find" in r)

    # (b) time-to-kill per mutant.
    rows = []
    for index, mutant in enumerate(mutants):
        a = harness_time_to_kill(harness, args.seed, mutant, args.budget, our_rate)
        b = run_peer(harness, args.seed, mutant=mutant, seconds=args.budget,
                     shrink_seconds=args.peer_shrink_seconds)
        rows.append({"mutant": mutant, "rule": rules[mutant], "harness": a, "hypothesis": b})
        log(f"compare: [{index + 1}/{len(mutants)}] {mutant}: harness "
            f"{seconds_text(a['time_to_kill'])}, hypothesis {seconds_text(b.get('time_to_kill'))}"
            + (f" (peer error: {b['error']})" if "error" in b else ""))

    budget = args.budget
    our_times = [r["harness"]["time_to_kill"] for r in rows]
    their_times = [r["hypothesis"].get("time_to_kill") for r in rows]
    our_median = statistics.median([t if t is not None else budget for t in our_times]) \
        if rows else None
    their_median = statistics.median([t if t is not None else budget for t in their_times]) \
        if rows else None
    both = [(a, b) for a, b in zip(our_times, their_times) if a is not None and b is not None]
    both_our = statistics.median(a for a, _ in both) if both else None
    both_their = statistics.median(b for _, b in both) if both else None
    shrink_times = [r["harness"].get("with_shrinking") for r in rows
                    if r["harness"].get("with_shrinking") is not None]
    elapsed = time.monotonic() - clock

    def ratio(x, y):
        return x / y if x is not None and y else float("nan")

    summary = {
        "throughput_ratio": ratio(our_rate, their_rate),
        "throughput_ratio_one_job": ratio(single_rate, their_rate),
        "ttk_ratio": ratio(their_median, our_median),
        "ttk_ratio_both_killed": ratio(both_their, both_our),
    }

    # Text.
    lines = []
    lines.append("# Benchmark: harness explore vs. a Hypothesis peer")
    lines.append("")
    lines.append(f"- Date: {started_at:%Y-%m-%d %H:%M} UTC; total run time {elapsed / 60:.1f} min")
    lines.append(f"- Machine: {machine_text()}; load average (1/5/15 min) {load_before} at the "
                 f"start, {load_text()} at the end (other work may be running)")
    lines.append(f"- Harness: commit {git_commit()}, binary {source} (snapshot copied for the run)")
    lines.append(f"- Hypothesis {hypothesis_version}, Python {platform.python_version()}")
    lines.append(f"- Command: `{' '.join(['python3', 'benchmarks/compare.py'] + sys.argv[1:])}`")
    lines.append("")
    lines.append("## Throughput against the true simulator")
    lines.append("")
    lines.append(f"{args.steps} steps per run, {args.repeats} runs per tool (alternating, seeds "
                 f"{args.seed}..{args.seed + args.repeats - 1}); median. Harness explore runs "
                 f"`--jobs {JOBS}` (sequences on {JOBS} clusters at once; the same findings as "
                 "one job); the 1-job column is for reference. The peer is one Hypothesis run.")
    lines.append("")
    lines.append(f"| run | harness explore steps/s ({JOBS} jobs) | harness, 1 job | "
                 "hypothesis steps/s |")
    lines.append("| --- | ---: | ---: | ---: |")
    for i, (a, b) in enumerate(zip(ours, theirs)):
        one = f"{single[i]['rate']:.0f}" if single else "(same)"
        lines.append(f"| {i + 1} | {a['rate']:.0f} ({a['steps']} steps, {a['seconds']} s) | "
                     f"{one} | "
                     f"{b['steps_per_second']:.0f} ({b['steps']} steps, {b['seconds']} s) |")
    lines.append(f"| **median** | **{our_rate:.0f}** | **{single_rate:.0f}** | "
                 f"**{their_rate:.0f}** |")
    lines.append("")
    accepted = [(r["accepted"], r["steps"], r["test_cases"]) for r in theirs if "accepted" in r]
    if accepted:
        share = sum(a for a, _, _ in accepted) / max(1, sum(n for _, n, _ in accepted))
        cases = sum(c for _, _, c in accepted) / len(accepted)
        lines.append(f"The peer's steps: {share:.0%} of its commands were accepted by the "
                     f"simulator (the rest refused, as the model expected); {cases:.0f} test "
                     "cases (fresh clusters) per run on average.")
        lines.append("")
    lines.append(f"**Throughput ratio (harness ÷ hypothesis steps/s): "
                 f"{summary['throughput_ratio']:.1f}×** ({JOBS} jobs; "
                 f"{summary['throughput_ratio_one_job']:.1f}× with 1 job)"
                 + ("" if not false_kills else
                    f" — warning: {false_kills} divergence(s) reported against the true "
                    "simulator"))
    lines.append("")
    lines.append("## Time-to-kill per mutant")
    lines.append("")
    lines.append(f"Budget {budget:g} s per tool per mutant, seed {args.seed}. Harness: detection "
                 "time (the N−1 steps before the divergence, re-run at `--level outcome`); in "
                 "brackets, the time `harness explore` printed, which includes shrinking. "
                 "Hypothesis: time of the first failing step, before shrinking.")
    lines.append("")
    lines.append("| mutant | rule | harness time-to-kill | harness steps | hypothesis "
                 "time-to-kill | hypothesis steps |")
    lines.append("| --- | --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        a, b = r["harness"], r["hypothesis"]
        ours_text = ("≈ " if a.get("estimated") else "") + seconds_text(a["time_to_kill"]) + (
            f" ({a['with_shrinking']:.1f} s)" if a.get("with_shrinking") is not None else "")
        theirs_text = seconds_text(b.get("time_to_kill")) + (
            f" (error: {b['error']})" if "error" in b else "")
        lines.append(f"| {r['mutant']} | {r['rule']} | {ours_text} | "
                     f"{a.get('steps_to_find', '-')} | {theirs_text} | "
                     f"{b.get('steps_to_find') or '-'} |")
    if rows:
        lines.append("")
        lines.append(f"- Killed: harness {sum(t is not None for t in our_times)} of {len(rows)}, "
                     f"hypothesis {sum(t is not None for t in their_times)} of {len(rows)}.")
        lines.append(f"- Median time-to-kill (a mutant not killed counts as the {budget:g} s "
                     f"budget): harness {our_median:.3f} s, hypothesis {their_median:.3f} s.")
        lines.append(f"- **Time-to-kill ratio (hypothesis median ÷ harness median): "
                     f"{summary['ttk_ratio']:.1f}×**")
        if both:
            lines.append(f"- Over the {len(both)} mutants both killed: medians harness "
                         f"{both_our:.3f} s, hypothesis {both_their:.3f} s, ratio "
                         f"{summary['ttk_ratio_both_killed']:.1f}×.")
        flaky = [r["mutant"] for r in rows if r["harness"].get("irreproducible")]
        if flaky:
            lines.append(f"- Re-runs of `harness explore` with the same seed diverged at a "
                         f"different step for: {', '.join(flaky)} (marked ≈ when estimated "
                         "from the harness's throughput).")
        if shrink_times:
            lines.append(f"- Harness times as printed by `harness explore` (with shrinking): "
                         f"median {statistics.median(shrink_times):.2f} s over the "
                         f"{len(shrink_times)} kills.")
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.output).write_text(text)
    json_path = Path(args.output).with_suffix(".json")
    json_path.write_text(json.dumps({
        "date": started_at.isoformat(), "machine": machine_text(), "seed": args.seed,
        "steps": args.steps, "budget": budget, "jobs": JOBS,
        "throughput": {"harness": ours, "harness_one_job": single, "hypothesis": theirs},
        "mutants": rows, "summary": summary}, indent=2) + "\n")
    log(f"compare: wrote {args.output} and {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
