"""./build.sh coverage [--client PATH] [--corpus DIR] (also the end of `fuzz`): the coverage
flavor (clang source-based coverage, standalone reproducer main) replays the seed corpus
corpus/<target>/ and the grown corpus $OUT_DIR/corpus/<client>/<target>/ (or --corpus DIR), then
llvm-profdata merges the profiles and llvm-cov writes, into $OUT_DIR/coverage-report/:
  index.html      line and branch coverage of the client's files (llvm-cov show -show-branches=count)
  stubs/          the same for the stub kernel
  coverage.json   llvm-cov export -summary-only of the client's files (stubs/coverage.json: the stubs)
  summary.txt     lines and branches per file (llvm-cov report -show-branch-summary), printed at the end
  not-modeled.txt the routines not modeled the replay met (wskfuzz.not_modeled), printed too
The new report replaces the old one only once it is complete."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import build, not_modeled
from .context import Fatal


def nonempty(d):
    return d.is_dir() and any(d.iterdir())


def corpus_dirs(ctx, client, target, override):
    """The corpus folders to replay for one client and target."""
    if override:
        o = Path(override)
        if (o / target).is_dir():
            return [o / target]
        if o.name == target or ctx.target_filter:
            return [o]
        return []
    return [d for d in (Path("corpus") / target, ctx.out_dir / "corpus" / client.name / target) if nonempty(d)]


def replay(binary, profile, dirs, nm_log):
    """Replay folders with profiling on. A crashing input ends the process before its profile is
    written, so on a failure every file is replayed in a process of its own. nm_log: where the
    processes sum the routines not modeled they met (a fresh file of this replay)."""
    env = dict(os.environ, LLVM_PROFILE_FILE=profile, WSKFUZZ_NOT_MODELED_LOG=nm_log)
    quiet = dict(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if subprocess.run([binary, "--runs", "1", "--timeout", "5"] + [str(d) for d in dirs], **quiet).returncode == 0:
        return
    open(nm_log, "w").close()  # the failed pass's counts would count twice
    for d in dirs:
        for f in sorted(d.iterdir()):
            if f.is_file():
                subprocess.run([binary, "--runs", "1", "--timeout", "5", str(f)], **quiet)


def llvm_cov(args, what, stdout=None):
    if subprocess.run(["llvm-cov"] + args, stdout=stdout).returncode != 0:
        raise Fatal("coverage: llvm-cov %s failed" % what)


def coverage_run(ctx, clients, work, override=None, show_not_modeled=True):
    """Replay, merge, write the report. The clients are built already. show_not_modeled: print the
    routines not modeled the replay met (fuzz says them itself, from its runs)."""
    prof = Path(work) / "prof"
    prof.mkdir(parents=True, exist_ok=True)
    objects, sources, replayed = [], [], 0
    tally = not_modeled.Tally()
    for client in clients:
        sources += list(client.sources)
        for t in ctx.targets:
            binary = str(ctx.out_dir / "coverage" / client.name / t)
            dirs = corpus_dirs(ctx, client, t, override)
            if not dirs:
                continue
            nm_log = not_modeled.fresh_log(Path(work) / "not-modeled", "%s-%s" % (client.name, t))
            replay(binary, str(prof / ("%s-%s-%%m.profraw" % (client.name, t))), dirs, nm_log)
            tally.add_file(nm_log)
            replayed += 1
            objects += [binary] if not objects else ["-object", binary]
    profiles = sorted(str(p) for p in prof.glob("*.profraw"))
    if not replayed or not profiles:
        print("coverage: no corpus to replay (corpus/<target>/ and %s/corpus/ are empty): no coverage report"
              % ctx.out_dir, file=sys.stderr)
        return 0
    merged = str(Path(work) / "merged.profdata")
    if subprocess.run(["llvm-profdata", "merge", "-sparse"] + profiles + ["-o", merged]).returncode != 0:
        raise Fatal("coverage: llvm-profdata merge failed")

    report = ctx.out_dir / "coverage-report"
    tmp = ctx.out_dir / (".coverage-report.tmp.%d" % os.getpid())
    old = ctx.out_dir / (".coverage-report.old.%d" % os.getpid())
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "stubs").mkdir(parents=True)
    common = ["-instr-profile=" + merged] + objects
    for out, files, what in ((tmp, sources, ""), (tmp / "stubs", ["stubs"], " (stubs)")):
        llvm_cov(["show", "-format=html", "-show-branches=count", "-output-dir=%s" % out] + common + ["--"] + files,
                 "show" + what)
        with open(out / "coverage.json", "w") as f:
            llvm_cov(["export", "-summary-only", "-format=text"] + common + ["--"] + files, "export" + what, f)
        with open(out / "summary.txt", "w") as f:
            llvm_cov(["report", "-show-branch-summary", "-show-region-summary=false"] + common + ["--"] + files,
                     "report" + what, f)
    rows = tally.to_json(ctx.root)
    with open(tmp / "not-modeled.txt", "w") as f:  # the routines not modeled the replay met, or none
        f.write("".join(line + "\n" for line in not_modeled.screen_lines("coverage", rows)))
    if report.is_dir():
        report.rename(old)
    tmp.rename(report)
    shutil.rmtree(old, ignore_errors=True)

    print("coverage: client files (lines and branches; HTML in %s/index.html):" % report)
    print((report / "summary.txt").read_text(), end="")
    print("coverage: stub kernel (HTML in %s/stubs/index.html): %s" % (
        report, stub_totals(report / "stubs" / "summary.txt")), flush=True)
    if show_not_modeled and rows:
        for line in not_modeled.screen_lines("coverage", rows):
            print(line)
        print("coverage: %s — see %s/not-modeled.txt" % (not_modeled.cut_short(rows), report), flush=True)
    return 0


def stub_totals(summary):
    """The TOTAL line of llvm-cov report in words."""
    for line in summary.read_text().splitlines():
        if line.startswith("TOTAL"):
            w = line.split()
            lines, lmiss, bran, bmiss = int(w[4]), int(w[5]), int(w[7]), int(w[8])
            return "lines %d of %d covered (%s), branches %d of %d covered (%s)" % (
                lines - lmiss, lines, w[6], bran - bmiss, bran, w[9])
    return ""


def main(ctx):
    if ctx.positional:
        from .context import UsageError
        raise UsageError("coverage takes no file arguments ('%s'); use --corpus DIR" % ctx.positional[0])
    build.require(ctx, "clang", "llvm-profdata", "llvm-cov")
    if ctx.corpus:
        c = Path(ctx.corpus)
        if not c.is_dir():
            raise Fatal("--corpus %s: no such folder" % ctx.corpus)
        if not (any((c / t).is_dir() for t in ctx.targets) or c.name in ctx.targets or ctx.target_filter):
            raise Fatal("--corpus %s: it holds no <target>/ folder and is not named after a target: give --target"
                        % ctx.corpus)
    clients = build.client_specs(ctx, ctx.client_paths)
    for client in clients:
        build.build(ctx, ["coverage"], client, ctx.targets)
    with tempfile.TemporaryDirectory(prefix="wskfuzz-coverage.") as work:
        return coverage_run(ctx, clients, work, ctx.corpus)
