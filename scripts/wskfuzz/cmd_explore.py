"""./build.sh explore: systematic fault exploration over the seed corpus.

For each client and target, fuzz/explore_main.c sweeps every base scenario in corpus/<target>/
(or --corpus DIR/<target>/): every single fault, with --depth 2 every pair, the orderings of
pending calls, every single preemption of its threads (--depth 2: each with every single fault)
and the other IRQLs of the callbacks it reached. The first input of each violation is written to
$OUT_DIR/crashes/<client>/<target>/explore-<ID>-<base>-<faults>, and the findings go through the
same triage and report as `fuzz` (WSKFUZZ_EXPLORE_TRIAGE=0 skips it, for the tests); a sweep
without findings writes its report too, as `fuzz` does. The routines not modeled that a sweep met
are shown on screen and in the report. Exit: 0 clean, 1 findings, 2 usage or build error."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import build, not_modeled
from .cmd_triage import note_client, run_triage
from .context import UsageError
from .records import RunInfo


def bases(ctx, target):
    """The base scenarios of a target: its seed files, in name order (the sweep order is fixed)."""
    d = Path(ctx.corpus or "corpus") / target
    return sorted(str(f) for f in d.iterdir() if f.is_file()) if d.is_dir() else []


def main(ctx):
    if ctx.positional:
        raise UsageError("explore takes no file arguments ('%s')" % ctx.positional[0])
    flavor = "libfuzzer"
    if ctx.engine_set:
        if ctx.engine not in ("libfuzzer", "standalone", "msan"):
            raise UsageError("explore runs on the libfuzzer (default), standalone or msan build, not '%s'" % ctx.engine)
        flavor = ctx.engine
    clients = build.client_specs(ctx, ctx.client_paths)
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".explore.", dir=str(ctx.out_dir))
    try:
        return sweep_all(ctx, flavor, clients, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sweep_all(ctx, flavor, clients, work):
    rc, listed, tally = 0, [], not_modeled.Tally()
    for client in clients:
        build.build_explore(ctx, flavor, client, ctx.targets)
        note_client(ctx, client)
        for t in ctx.targets:
            d = ctx.out_dir / "crashes" / client.name / t
            d.mkdir(parents=True, exist_ok=True)
            for old in d.glob("explore-*"):  # an earlier sweep's findings: this sweep replaces them
                old.unlink()
            program = str(ctx.out_dir / flavor / client.name / "explore_main")
            nm_log = not_modeled.fresh_log(work, "%s-%s" % (client.name, t))
            r = subprocess.run([program, "--target", t, "--depth", str(ctx.depth), "--client", client.name,
                                "--crashes", str(d)] + bases(ctx, t), stdin=subprocess.DEVNULL,
                               env=ctx.env(WSKFUZZ_NOT_MODELED_LOG=nm_log)).returncode
            tally.add_file(nm_log)
            if r == 1:
                rc = rc if rc == 2 else 1
                listed += [(str(f), client, t) for f in sorted(d.glob("explore-*")) if f.is_file()]
            elif r != 0:
                print("explore: %s/%s: the sweep failed (exit %d)" % (client.name, t, r), file=sys.stderr)
                rc = 2
    rows = tally.to_json(ctx.root)
    for line in not_modeled.screen_lines("explore", rows):
        print(line, flush=True)
    # A clean sweep writes its report too (no findings, and what was cut short); a failed one without
    # findings leaves the earlier report.
    if (listed or rc == 0) and os.environ.get("WSKFUZZ_EXPLORE_TRIAGE", "1") != "0":
        info = RunInfo("explore", "./build.sh explore --depth %d" % ctx.depth, engine=ctx.engine,
                       clients=[c.name for c in clients], targets=ctx.targets, not_modeled=rows)
        print("explore: triage of %d finding(s) -> %s/report/" % (len(listed), ctx.out_dir), flush=True)
        r = run_triage(ctx, listed, info)
        if r != 1:
            rc = 2 if r != 0 else rc
    if rc == 0 and rows:
        print("explore: no findings, but %s — see %s/report/summary.md" % (not_modeled.cut_short(rows), ctx.out_dir),
              flush=True)
    return rc
