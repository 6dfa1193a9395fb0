"""./build.sh fuzz: the main job. Build what is missing, fuzz every target of every client within
the time budget (split across the runs), triage what was found, write the report and the coverage
report. Exit 0: no finding, 1: findings, 2: usage or build error, 130: stopped by a signal before
anything was found.

Every engine process runs in a process group of its own (wskfuzz.supervisor), so a time-out or
Ctrl-C (SIGINT or SIGTERM) stops it with all its children; crash files are gathered in a work
folder and copied into $OUT_DIR/crashes/<client>/<target>/ without overwriting (names are
content hashes)."""
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from . import build, campaign, not_modeled, options
from .cmd_coverage import coverage_run
from .cmd_regress import before_fuzz
from .cmd_triage import note_client, run_triage
from .context import Fatal, UsageError
from .fuzz_runs import Run, count_files, run_afl, run_libfuzzer
from .records import RunInfo
from .supervisor import Supervisor


class Interrupt:
    """The signal state of a fuzzing session: a first SIGINT/SIGTERM stops the fuzzers (no new run
    starts) and what they found is still triaged; one during triage or coverage ends everything."""

    def __init__(self):
        self.stop = False

    def fuzzing(self, signum, frame):
        if not self.stop:
            print("fuzz: interrupted: stopping the fuzzers, then triaging what they found", file=sys.stderr, flush=True)
        self.stop = True

    @staticmethod
    def late(signum, frame):
        raise KeyboardInterrupt


def collect(staged, dest, client, target, listed):
    """Copy a run's crash inputs into $OUT_DIR/crashes/<client>/<target>/ and list them for
    triage. An input found before keeps its file (and so its first-seen time)."""
    if not staged.is_dir():
        return
    dest.mkdir(parents=True, exist_ok=True)
    for f in sorted(staged.iterdir()):
        if not f.is_file() or f.name.startswith("slow-unit-"):
            continue
        kept = dest / f.name
        if not kept.exists():
            shutil.copyfile(f, kept)
        if all(str(kept) != p for p, _, _ in listed):
            listed.append((str(kept), client, target))


def flavors(ctx):
    """What a fuzzing session needs built: the engine's flavor (and AFL++'s CMPLOG companion for
    a second instance), the standalone reproducer, the libFuzzer build for triage, coverage."""
    wanted = [ctx.engine]
    if ctx.engine == "afl" and ctx.jobs >= 2:
        wanted.append("afl-cmplog")
    wanted.append("standalone")
    if ctx.engine != "libfuzzer":
        wanted.append("libfuzzer")
    return wanted + ["coverage"]


def main(ctx):
    if ctx.positional:
        raise UsageError("fuzz takes no file arguments ('%s')" % ctx.positional[0])
    if ctx.engine == "libfuzzer":
        build.require(ctx, "clang", "python3", "llvm-profdata", "llvm-cov")
    elif ctx.engine == "afl":
        build.require(ctx, "clang", "afl-clang-fast", "afl-fuzz", "python3", "llvm-profdata", "llvm-cov")
    else:
        raise UsageError("fuzz runs the libfuzzer or afl engine, not '%s'" % ctx.engine)
    budget = 60 if ctx.time is None else ctx.time
    if budget < 1:
        raise UsageError("--time takes at least 1 second")
    clients = build.client_specs(ctx, ctx.client_paths)
    targets = ctx.targets
    for t in targets:  # an engine would stop on a bad dictionary line: say which, before building
        try:
            options.check_dict(ctx.root, t)
        except ValueError as e:
            raise Fatal(str(e))
    # Build everything first: a client that does not compile stops us before any fuzzing.
    for client in clients:
        build.build(ctx, flavors(ctx), client, targets)
    build.build_tools(ctx)
    before_fuzz(ctx, clients, targets)  # kept regression inputs first: one line per client that has some

    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".fuzz.", dir=ctx.out_dir))
    interrupt = Interrupt()
    signal.signal(signal.SIGINT, interrupt.fuzzing)
    signal.signal(signal.SIGTERM, interrupt.fuzzing)
    try:
        tally = not_modeled.Tally()
        with Supervisor() as sup:
            listed = fuzz_all(ctx, sup, clients, targets, budget, work, interrupt, tally)
        signal.signal(signal.SIGINT, Interrupt.late)
        signal.signal(signal.SIGTERM, Interrupt.late)
        try:
            rc = report(ctx, clients, targets, budget, listed, work, interrupt.stop, tally)
        except KeyboardInterrupt:
            rc = 130
        if rc != 130:
            campaign.finish(ctx.out_dir, work, clients, ctx.engine, budget)  # the charts, the history
        if rc == 130:
            print("fuzz: interrupted during triage or coverage: the earlier report is unchanged", file=sys.stderr)
            return 130
        return 130 if rc == 0 and interrupt.stop else rc
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fuzz_all(ctx, sup, clients, targets, budget, work, interrupt, tally):
    """Every client × target, each an equal share of the time left; the crash files found. The
    routines not modeled that the runs met are added to tally."""
    nruns = len(clients) * len(targets)
    print("fuzz: %d run(s) in %ds with %s (jobs %d): %s× %s" % (
        nruns, budget, ctx.engine, ctx.jobs, "".join(c.name + " " for c in clients), " ".join(targets)), flush=True)
    listed, i, used = [], 0, 0.0
    for client in clients:
        note_client(ctx, client)
        for t in targets:
            if interrupt.stop:
                return listed
            # Each run gets an equal share of what is left, so an early end gives time to the rest.
            secs = max(1, int(budget - used) // (nruns - i))
            i += 1
            label = "[%d/%d] %s/%s" % (i, nruns, client.name, t)
            run = Run(ctx, sup, client, t, secs, label, work, interrupt)
            start = time.monotonic()
            (run_afl if ctx.engine == "afl" else run_libfuzzer)(run)
            used += int(time.monotonic() - start)
            collect(run.staged, ctx.out_dir / "crashes" / client.name / t, client, t, listed)
            campaign.save_run(work, client.name, t, run.mode, run.samples)
            tally.add_file(run.not_modeled_log)
            print("fuzz: %s done in %ds: %d inputs in %s, %d crash file(s)" % (
                label, int(time.monotonic() - start), count_files(run.corpus), run.corpus, count_files(run.staged)),
                flush=True)
    return listed


def report(ctx, clients, targets, budget, listed, work, interrupted, tally):
    again = "./build.sh fuzz --time %d --engine %s --jobs %d" % (budget, ctx.engine, ctx.jobs)
    again += "".join(" --client " + p for p in ctx.client_paths)
    if ctx.target_filter:
        again += " --target " + ctx.target_filter
    info = RunInfo("fuzz", again, engine=ctx.engine, time_budget_seconds=budget, jobs=ctx.jobs,
                   clients=[c.name for c in clients], targets=list(targets), interrupted=interrupted,
                   not_modeled=tally.to_json(ctx.root))
    for line in not_modeled.screen_lines("fuzz", info.not_modeled):
        print(line, flush=True)
    # Built above: a source edited meanwhile must not fail the triage of this run.
    rc = run_triage(ctx, listed, info, built=True)
    if rc == 130:
        return rc
    coverage_run(ctx, clients, work / "coverage", show_not_modeled=False)
    print(last_line(ctx, rc, info.not_modeled), flush=True)
    return rc


def last_line(ctx, rc, rows):
    """What the run amounts to: no findings is not the whole truth when paths were cut short."""
    summary = ctx.out_dir / "report" / "summary.md"
    try:
        summary = summary.relative_to(ctx.root)
    except ValueError:
        pass
    if rc == 0 and rows:
        return "fuzz: no findings, but %s — see %s" % (not_modeled.cut_short(rows), summary)
    if rc == 0:
        return "fuzz: no findings; report in %s" % summary
    return "fuzz: findings in %s%s" % (summary, "; and " + not_modeled.cut_short(rows) if rows else "")
