"""./build.sh merge [--target T] [--client PATH] [--corpus DIR] [--engine afl]: bring the inputs a
fuzzing run found back into the committed seeds, corpus/<target>/, so that the seeds grow only by
inputs that add coverage.

  from  $OUT_DIR/corpus/<client>/<target>/ (flat, or AFL++ output: */queue/*), per client, or
        --corpus DIR (DIR/<target>/ for each target, or with --target, DIR itself);
  how   libFuzzer -merge=1 with corpus/<target>/ as the first folder: every existing seed is kept,
        a candidate gets in only if it adds coverage to them (per client, each with its own
        binary); with --engine afl, afl-cmin then afl-showmap against the seeds' edges;
  names existing seeds keep their names, a new one is merged-<sha1 of its bytes>;
  never an existing seed removed or rewritten; never a new seed that fails on a client (the merged
        ones and the bundled ones, as found and with WSKFUZZ_HOSTILE=1) or does not survive
        describe -> encode: such inputs are findings, left in $OUT_DIR/merge-rejected/<target>/ to
        triage. Exit 1 if any.
WSKFUZZ_SEEDS=DIR merges into DIR/<target>/ instead of corpus/<target>/ (the tests use it)."""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import build, engines
from .context import Fatal, UsageError
from .supervisor import run


def sha1(path):
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def visible_files(d):
    d = Path(d)
    return sorted(f for f in d.iterdir() if f.is_file() and not f.name.startswith(".")) if d.is_dir() else []


def candidates(src, dest):
    """The inputs under SRC (its files, and those of AFL++'s */queue/ folders), flattened into
    DEST as <sha1>: duplicates fold."""
    dest.mkdir(parents=True, exist_ok=True)
    src = Path(src)
    if not src.is_dir():
        return
    queues = [q for q in sorted(src.glob("**/queue")) if q.is_dir() and len(q.relative_to(src).parts) <= 3
              and not any(p.startswith(".") for p in q.relative_to(src).parts)]
    for f in visible_files(src) + [f for q in queues for f in visible_files(q)]:
        kept = dest / sha1(f)
        if not kept.exists():
            shutil.copyfile(f, kept)


def merge_libfuzzer(binary, seeds, cands, log):
    """Add to SEEDS the candidates that add coverage. (A candidate that crashes is skipped by
    libFuzzer; its crash file goes next to LOG, not to ./.)"""
    with open(log, "ab") as out:
        return subprocess.run([binary, "-merge=1", "-timeout=10", "-rss_limit_mb=2560",
                               "-merge_control_file=%s.ctl" % log, "-artifact_prefix=%s/" % Path(log).parent,
                               str(seeds), str(cands)], stdin=subprocess.DEVNULL, stdout=out,
                              stderr=subprocess.STDOUT).returncode == 0


def edges_of(maps):
    """afl-showmap's tuples ("edge:count" lines) of every map file in a folder."""
    found = set()
    for f in Path(maps).glob("*"):
        found |= engines.showmap_edges(f.read_text())
    return found


def merge_afl(binary, seeds, cands, tmp):
    """afl-cmin the candidates, then keep (smallest first) each one whose edges (afl-showmap
    tuples) are not all covered by the seeds and those kept before it."""
    for d in ("min", "maps-seeds", "maps-min"):
        shutil.rmtree(tmp / d, ignore_errors=True)
    log = open(tmp / "log", "ab")
    quiet = dict(stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    # Our temporary folder is private (mkdtemp), so afl-cmin may use it under /tmp.
    env = dict(os.environ, AFL_QUIET="1", AFL_ALLOW_TMP="1")
    if subprocess.run(["afl-cmin", "-i", str(cands), "-o", str(tmp / "min"), "-m", "none", "-t", "5000", "--", binary],
                      env=env, **quiet).returncode != 0:
        return False
    show = ["afl-showmap", "-q", "-m", "none", "-t", "5000"]
    edges = set()
    if visible_files(seeds):
        subprocess.run(show + ["-i", str(seeds), "-o", str(tmp / "maps-seeds"), "--", binary], **quiet)
        edges = edges_of(tmp / "maps-seeds")
    subprocess.run(show + ["-i", str(tmp / "min"), "-o", str(tmp / "maps-min"), "--", binary], **quiet)
    # ls -Sr: smallest first, ties in reverse name order
    for f in sorted((tmp / "min").iterdir(), key=lambda p: (p.stat().st_size, [-ord(c) for c in p.name])):
        m = tmp / "maps-min" / f.name
        if not m.is_file():
            continue
        one = engines.showmap_edges(m.read_text())
        if one - edges:
            shutil.copyfile(f, seeds / sha1(f))
            edges |= one
    return True


def why_not_a_seed(ctx, flavor, check_clients, target, f, tmp):
    """Why F may not become a seed of TARGET ("" when it may). A seed runs clean on every client,
    as found and with WSKFUZZ_HOSTILE=1 (the corpus test replays it so), and survives
    describe -> encode byte for byte (seeds are reviewed as text)."""
    why = ""
    for client in check_clients:
        for hostile in ("0", "1"):
            # Run from TMP: a libFuzzer binary that crashes writes its crash file to ./.
            rc, _ = run([str(ctx.out_dir / flavor / client.name / target), str(f)], 60,
                        env=dict(os.environ, WSKFUZZ_HOSTILE=hostile), cwd=str(tmp))
            if rc != 0:
                why += " fails on %s%s;" % (client.name, " (WSKFUZZ_HOSTILE=1)" if hostile == "1" else "")
    tool = str(ctx.out_dir / "tools" / "scenario_tool")
    text = subprocess.run([tool, "describe", "--target", target, str(f)], capture_output=True)
    (tmp / "text").write_bytes(text.stdout)
    again = subprocess.run([tool, "encode", str(tmp / "text")], capture_output=True) if text.returncode == 0 else None
    if again is None or again.returncode != 0 or again.stdout != Path(f).read_bytes():
        why += " does not survive describe -> encode;"
    return why


def main(ctx):
    if ctx.positional:
        raise UsageError("merge takes no file arguments ('%s'); use --corpus DIR" % ctx.positional[0])
    flavor = "libfuzzer"
    if ctx.engine_set:
        if ctx.engine == "afl":
            flavor = "afl"
            build.require(ctx, "afl-cmin", "afl-showmap")
        elif ctx.engine != "libfuzzer":
            raise UsageError("merge uses --engine libfuzzer (default) or afl, not '%s'" % ctx.engine)
    per_target = False
    if ctx.corpus:
        if not Path(ctx.corpus).is_dir():
            raise Fatal("--corpus %s: no such folder" % ctx.corpus)
        per_target = any((Path(ctx.corpus) / t).is_dir() for t in ctx.targets)
        if not per_target and not ctx.target_filter:
            raise UsageError("--corpus %s holds no <target>/ folders: say which target it is for (--target T)"
                             % ctx.corpus)
    dest = Path(os.environ.get("WSKFUZZ_SEEDS") or "corpus")
    clients = build.client_specs(ctx, ctx.client_paths)
    # New seeds are checked on the bundled clients too: the corpus test replays every seed there.
    check_clients = list(clients)
    if ctx.client_paths:
        for c in build.client_specs(ctx, []):
            if all(c.name != k.name for k in check_clients):
                check_clients.append(c)
    for client in check_clients:
        build.build(ctx, [flavor], client, ctx.targets)
    build.build_tools(ctx)

    total_rejected = 0
    with tempfile.TemporaryDirectory() as tmpdir:
        for t in ctx.targets:
            total_rejected += merge_target(ctx, flavor, clients, check_clients, t, dest, per_target, Path(tmpdir) / t)
    return 1 if total_rejected else 0


def merge_target(ctx, flavor, clients, check_clients, t, dest, per_target, tmp):
    """Merge one target's candidates into DEST/<t>/; the number of inputs left out."""
    seeds = tmp / "seeds"
    seeds.mkdir(parents=True)
    (dest / t).mkdir(parents=True, exist_ok=True)
    for f in visible_files(dest / t):
        shutil.copy2(f, seeds / f.name)
    n_before = len(visible_files(seeds))
    log = tmp / "log"
    log.touch()
    every = tmp / "all"
    for client in clients:
        src = (Path(ctx.corpus) / t if per_target else Path(ctx.corpus)) if ctx.corpus else \
            ctx.out_dir / "corpus" / client.name / t
        cands = tmp / "cands"
        shutil.rmtree(cands, ignore_errors=True)
        candidates(src, cands)
        if not visible_files(cands):
            continue
        # Candidates are named by content: "all" counts each input once over the clients.
        every.mkdir(exist_ok=True)
        for f in visible_files(cands):
            if not (every / f.name).exists():
                shutil.copyfile(f, every / f.name)
        binary = str(ctx.out_dir / flavor / client.name / t)
        if flavor == "afl":
            if not merge_afl(binary, seeds, cands, tmp):
                raise Fatal("merge: afl-cmin failed on %s (%s): see %s" % (t, client.name, log))
        elif not merge_libfuzzer(binary, seeds, cands, log):
            first = next((l for l in log.read_text(errors="replace").splitlines() if re.search("ERROR|error", l)), "")
            raise Fatal("merge: libFuzzer -merge=1 failed on %s (%s): %s" % (t, client.name, first))
    # A new input that may not be a seed is a finding: kept aside for triage, not added.
    added = rejected = 0
    known = {f.name for f in visible_files(dest / t)}
    for f in visible_files(seeds):
        if f.name in known:
            continue
        bad = why_not_a_seed(ctx, flavor, check_clients, t, f, tmp)
        digest = sha1(f)
        if bad:
            kept = ctx.out_dir / "merge-rejected" / t / digest
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, kept)
            print("merge: %s: left out %s:%s triage it: ./build.sh triage %s" % (t, digest, bad, kept), file=sys.stderr)
            rejected += 1
        elif not (dest / t / ("merged-" + digest)).exists():
            shutil.copyfile(f, dest / t / ("merged-" + digest))
            added += 1
    note = ", %d left out" % rejected if rejected else ""
    print("merge: %s: %d candidates, +%d new seeds (%s/%s: %d -> %d)%s" % (
        t, len(visible_files(every)), added, dest, t, n_before, n_before + added, note), flush=True)
    return rejected
