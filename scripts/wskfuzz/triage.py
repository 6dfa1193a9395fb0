"""Reproduce, bucket, minimize and decode crash files, then write the report (used by `triage`,
`fuzz` and `explore`).

Each file is replayed by the standalone reproducer (`--runs 1`), and by the libFuzzer build (ASan +
UBSan) when the standalone run shows no sanitizer report, up to N tries; a file that never crashes
is kept as a FLAKY finding. Buckets, per client: a verdict's ID, or a sanitizer report's
type, plus the top three functions of the client on the stack (for a verdict found after the client
returned, as a leak, the function around the client line it names; no line numbers, so an edit
keeps the bucket); TIMEOUT; FLAKY per target. One reproducer per
bucket is minimized (libFuzzer -minimize_crash=1, bounded) and kept only if it still lands in the
same bucket. The report is written to a temporary folder and moved into OUT/report at the end.
triage() returns 0: no finding, 1: findings, 130: interrupted (the earlier report unchanged)."""
import datetime
import hashlib
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from typing import List

from . import not_modeled, report
from .classify import HEADLINE, classify
from .client_functions import function_at
from .records import Finding
from .supervisor import run

RUN_TIMEOUT = 5  # seconds per replay, as the standalone reproducer's --timeout


def rel(root, path):
    """A path as the report shows it: relative to the repository when inside it."""
    a = os.path.abspath(os.path.join(root, path))
    r = os.path.relpath(a, root)
    return a if r.startswith("..") else r


# Verdicts about something left behind: their client line is where it was allocated.
LEAK_VERDICTS = {"POOL_LEAK", "POOL_LEAK_FAILED_ATTACH", "IRP_LEAK", "SOCKET_NOT_CLOSED", "ADDRINFO_NOT_FREED"}
MAX_FRAMES = 3  # a bucket's client frames, as ClusterFuzz's crash state


class Sources:
    """Which files of a stack are the client's and which the stub kernel's. The client's are its
    sources wherever they live (sources.txt may name folders outside the client's) and the files
    beside them (its headers); the harness's own folders never are."""

    def __init__(self, root, crash):
        self.root = str(root)
        self.client = {self.real(s) for s in crash.client.sources}
        self.dirs = {os.path.dirname(s) for s in self.client}
        self.harness = [self.real(d) + os.sep for d in ("stubs", "fuzz")]

    def real(self, path):
        return os.path.realpath(os.path.join(self.root, path))

    def is_client(self, path):
        if not path or path.startswith("("):  # a module, not a source file
            return False
        p = self.real(path)
        if any(p.startswith(h) for h in self.harness):
            return False
        return p in self.client or os.path.dirname(p) in self.dirs

    def is_stub(self, path):
        return bool(path) and not path.startswith("(") and self.real(path).startswith(self.harness[0])


@dataclass
class Seen:
    """A replay's outcome as triage buckets it: the classifier's, keyed by the frames that are ours."""
    kind: str
    key: str
    id: str
    message: str = ""
    location: dict = None
    crash_type: str = None
    frames: List[str] = field(default_factory=list)
    text: str = ""


def client_frames(src, frames):
    """The stack's frames in the client's code, innermost first, one per function."""
    out = []
    for f in frames:
        if src.is_client(f.file) and (not out or out[-1].function != f.function):
            out.append(f)
    return out


def located(root, frame, function=None):
    loc = {"file": rel(root, frame.file), "line": frame.line}
    if function or frame.function:
        loc["function"] = function or frame.function
    return loc


def verdict_seen(root, crash, o, text):
    """A verdict's bucket: its ID and the client functions on the stack when it fired (a libFuzzer
    build's log has the stack), else the function around the client line it names."""
    src = Sources(root, crash)
    ours = client_frames(src, o.frames)
    site_function = function_at(src.real(o.site.file), o.site.line) if o.site else None
    if o.id in LEAK_VERDICTS or not ours:
        # Found after the client returned (a leak at unload): the line that allocated it tells the bug.
        top = [site_function] if site_function else [f.function for f in ours[:MAX_FRAMES]]
    else:
        top = [f.function for f in ours[:MAX_FRAMES]]
    if o.site:
        loc = {"file": rel(root, o.site.file), "line": o.site.line}
        if site_function:
            loc["function"] = site_function
    else:
        loc = located(root, ours[0]) if ours else None
    key = o.key + ("@" + ">".join(top) if top else "")
    return Seen("verdict", key, o.id, o.message, loc, frames=top, text=text)


def bucket_of(root, crash, rc, text):
    """The classifier's outcome of one replay as a bucket, or None when it ran clean."""
    o = classify(text, rc)
    if o is None:
        return None
    if o.kind == "verdict":
        return verdict_seen(root, crash, o, text)
    if o.kind == "timeout":
        return Seen("timeout", "TIMEOUT", "TIMEOUT", "the input ran longer than %d s" % RUN_TIMEOUT, text=text)
    if o.kind == "crash":
        return Seen("crash", o.key, o.id, o.message, crash_type=o.crash_type, text=text)
    # A sanitizer report: its type and the client's top functions (no lines: an edit keeps the
    # bucket); a stack with no client frame at all falls back to the stub kernel's.
    src = Sources(root, crash)
    ours = client_frames(src, o.frames)
    named = ours or [f for f in o.frames if src.is_stub(f.file)]
    top = [f.function for f in named[:MAX_FRAMES]]
    loc = located(root, ours[0]) if ours else None
    return Seen("sanitizer", "%s@%s" % (o.crash_type, ">".join(top)), o.id, o.message, loc, o.crash_type, top, text)


def replay_env():
    env = dict(os.environ)
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
    env.pop("WSKFUZZ_TRACE", None)
    env.pop("WSKFUZZ_NOT_MODELED_LOG", None)  # a replay's calls are not the run's: it writes no one's log
    env.pop("WSKFUZZ_SUMMARIZE_ON_ABORT", None)
    return env


def count_not_modeled(root, crashes, work):
    """The routines not modeled that the crash files meet, each replayed once more with a log of its
    own (asked to write the summary even when a verdict aborts it: fuzz/entry.c): what
    `triage` on its own reports, as `fuzz` and `explore` report their runs'. The libFuzzer build,
    where there is one, names the client's line (the standalone one may not symbolize)."""
    tally = not_modeled.Tally()
    for n, crash in enumerate(crashes):
        log = not_modeled.fresh_log(work, "replay-%d" % n)
        env = dict(replay_env(), WSKFUZZ_NOT_MODELED_LOG=log, WSKFUZZ_SUMMARIZE_ON_ABORT="1")
        if crash.sanitizer:
            cmd = [crash.sanitizer, "-handle_abrt=0", "-timeout=%d" % RUN_TIMEOUT, crash.path]
        else:
            cmd = [crash.standalone, "--runs", "1", "--timeout", str(RUN_TIMEOUT), crash.path]
        run(cmd, RUN_TIMEOUT + 20, env=env)
        tally.add_file(log)
    return tally.to_json(root)


def replay(root, crash, path, tries):
    """Replay until something is seen: the standalone reproducer, then the sanitizer build."""
    fallback = None
    for _ in range(tries):
        rc, text = run([crash.standalone, "--runs", "1", "--timeout", str(RUN_TIMEOUT), path], RUN_TIMEOUT + 10,
                       env=replay_env())
        seen = bucket_of(root, crash, rc, text)
        if seen and seen.kind == "verdict" and crash.sanitizer:
            # The standalone reproducer prints no stack: the libFuzzer build's log of the same
            # verdict has it, and the client frames in it tell one cause from another.
            rc, text = run([crash.sanitizer, "-timeout=%d" % RUN_TIMEOUT, path], RUN_TIMEOUT + 20, env=replay_env())
            again = bucket_of(root, crash, rc, text)
            return again if again and again.kind == "verdict" and again.id == seen.id else seen
        if seen and seen.kind in ("verdict", "timeout"):
            return seen
        fallback = fallback or seen
        if crash.sanitizer:
            rc, text = run([crash.sanitizer, "-timeout=%d" % RUN_TIMEOUT, path], RUN_TIMEOUT + 20, env=replay_env())
            san = bucket_of(root, crash, rc, text)
            if san and san.kind != "crash":
                return san
            fallback = fallback or san
        if fallback:
            return fallback
    return None


def minimize(root, crash, seen, seconds, tries, work):
    """Minimize into WORK/minimized. Returns (minimized?, note): minimized is True when that file
    holds a smaller input in the same bucket, or the original because nothing smaller crashes."""
    path = crash.path
    out = os.path.join(work, "minimized")
    if os.path.exists(out):
        os.unlink(out)
    if os.path.getsize(path) <= 1:
        shutil.copyfile(path, out)
        return True, "one byte: already minimal"
    if not crash.sanitizer or seen.kind not in ("verdict", "sanitizer") or seconds <= 0:
        return False, "not minimized (%s)" % ("no libFuzzer build" if not crash.sanitizer else
                                              "minimization is for verdicts and sanitizer reports")
    # Each step is a process that tries -runs mutations; the file holds the smallest crash so far,
    # so stopping the whole group at the time limit keeps what was gained.
    cmd = [crash.sanitizer, "-minimize_crash=1", "-max_total_time=%d" % seconds, "-runs=20000",
           "-timeout=%d" % RUN_TIMEOUT, "-exact_artifact_path=" + out, path]
    rc, text = run(cmd, seconds, env=replay_env())
    if not os.path.exists(out) or os.path.getsize(out) >= os.path.getsize(path):
        if "CRASH_MIN: failed to minimize beyond" in text:
            shutil.copyfile(path, out)
            return True, "libFuzzer found no smaller input that crashes: already minimal"
        if os.path.exists(out):
            os.unlink(out)
        return False, "minimization found nothing smaller in %d s" % seconds
    again = replay(root, crash, out, min(tries, 3))
    if not again or again.key != seen.key:
        os.unlink(out)
        return False, "the minimized input gave %s, another bucket: kept the original" % (
            again.id if again else "no crash")
    return True, "minimized from %d bytes" % os.path.getsize(path)


def describe(crash, path):
    """The text scenario and the live trace, from the standalone reproducer's --describe."""
    rc, text = run([crash.standalone, "--describe", "--timeout", str(RUN_TIMEOUT), path], RUN_TIMEOUT + 10,
                   env=replay_env())
    scen, trace, part = [], [], None
    for line in text.splitlines():
        if line.startswith("== ") and part is None:
            part = scen
            continue
        if line == "-- trace":
            part = trace
            continue
        if part is trace and (HEADLINE.match(line) or line.endswith(" ... ok")):
            break
        if part is not None:
            part.append(line)
    # The trace is printed as it happens; anything after it (a verdict, a sanitizer) is not.
    trace = [t for t in trace if t.startswith("  #")]
    return "\n".join(scen), "\n".join(trace)


def iso(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def slug(text):
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:80] or "crash"


def shell_quote(s):
    return s if re.fullmatch(r"[A-Za-z0-9_./=:-]+", s) else "'" + s.replace("'", "'\\''") + "'"


def finding_of(root, final, tmp, seen, crashes, minimize_time, tries, shared=False):
    """Write one bucket's reproducer folder into tmp and describe it as a Finding. shared: another
    verdict bucket of this client and target has the same ID (two causes of one verdict)."""
    rep = min(crashes, key=lambda c: (c.size(), c.path))
    dslug = slug(seen.id)
    if seen.kind == "sanitizer" or shared:  # one type may have several buckets: tell them apart
        dslug += "-" + hashlib.sha1(seen.key.encode()).hexdigest()[:8]
    rel_dir = os.path.join("reproducers", rep.client.name, rep.target, dslug)
    bdir = os.path.join(tmp, rel_dir)
    os.makedirs(bdir, exist_ok=True)
    original_name = "original-" + os.path.basename(rep.path)
    shutil.copyfile(rep.path, os.path.join(bdir, original_name))
    minimized, note = minimize(root, rep, seen, minimize_time, tries, bdir)
    final_dir = os.path.join(final, rel_dir)
    repro_name = "minimized" if minimized else original_name
    repro_final = rel(root, os.path.join(final_dir, repro_name))
    repro_tmp = os.path.join(bdir, repro_name)
    scenario_text, trace_text = describe(rep, repro_tmp)
    with open(os.path.join(bdir, "scenario.txt"), "w", encoding="utf-8") as f:
        f.write(scenario_text + "\n")
    # The reproducer's own output, for the trace and the sanitizer report.
    replayed = replay(root, rep, repro_tmp, 1)
    with open(os.path.join(bdir, "output.txt"), "w", encoding="utf-8") as f:
        f.write((replayed or seen).text)
    binary = rep.sanitizer if seen.kind in ("sanitizer", "crash") and rep.sanitizer else rep.standalone
    args = [rel(root, binary)] + (["--runs", "1"] if binary == rep.standalone else []) + [repro_final]
    sanitizer_text = ""
    if seen.kind == "sanitizer":
        lines = seen.text.splitlines()
        start = next((i for i, l in enumerate(lines) if "ERROR:" in l or "runtime error:" in l
                      or "WARNING: MemorySanitizer:" in l), 0)
        sanitizer_text = "\n".join(lines[start:start + 40])
    row = next((r for r in report.catalogue() if r["id"] == seen.id), None)
    env_prefix = "WSKFUZZ_HOSTILE=1 " if os.environ.get("WSKFUZZ_HOSTILE") == "1" else ""
    return Finding(
        bucket="%s/%s" % (rep.client.name, seen.key),
        kind=seen.kind if seen.kind != "crash" else "sanitizer",
        id=seen.id, crash_type=seen.crash_type, frames=seen.frames,
        rule=row["rule"] if row else None, doc_page=row["page"] if row else None,
        doc_url=next((u for u in row["urls"] if u), None) if row else None,
        message=seen.message, client=rep.client.name, target=rep.target,
        targets=sorted({c.target for c in crashes}), count=len(crashes), location=seen.location,
        reproducer=repro_final, minimized=minimized, minimize_note=note,
        reproducer_size=os.path.getsize(repro_tmp),
        original=rel(root, os.path.join(final_dir, original_name)), original_size=rep.size(),
        crash_files=sorted({rel(root, c.path) for c in crashes}),
        scenario=rel(root, os.path.join(final_dir, "scenario.txt")),
        output=rel(root, os.path.join(final_dir, "output.txt")),
        first_seen=iso(min(os.path.getmtime(c.path) for c in crashes)),
        reproduce=env_prefix + " ".join(shell_quote(x) for x in args),
        client_sources=[rel(root, s) for s in rep.client.sources],
        scenario_text=scenario_text, trace_text=trace_text, sanitizer_text=sanitizer_text)


def triage(root, out_dir, crashes, run_info, minimize_time=10, tries=10, own_not_modeled=False):
    """Triage the CrashFiles into out_dir/report; run_info: the RunInfo of the command.
    own_not_modeled: the command is triage alone, whose runs are its replays: it counts the routines
    not modeled they meet (fuzz and explore give theirs in run_info)."""
    root = str(root)
    out_dir = str(out_dir)
    final = os.path.join(out_dir, "report")
    tmp = os.path.join(out_dir, ".report.tmp.%d" % os.getpid())
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    try:
        buckets = {}
        for n, crash in enumerate(crashes, 1):
            seen = replay(root, crash, crash.path, tries)
            if seen is None:
                seen = Seen("flaky", "FLAKY/" + crash.target, "FLAKY", "did not reproduce in %d tries" % tries)
            buckets.setdefault((crash.client.name, seen.key), (seen, []))[1].append(crash)
            print("triage: [%d/%d] %s: %s" % (n, len(crashes), rel(root, crash.path), seen.id), flush=True)
        ids = [(k[0], members[0].target, seen.id) for k, (seen, members) in buckets.items()]
        findings = [finding_of(root, final, tmp, seen, members, minimize_time, tries,
                               shared=ids.count((k[0], members[0].target, seen.id)) > 1)
                    for k, (seen, members) in buckets.items()]

        run = run_info.to_json()
        if own_not_modeled:
            run["not_modeled"] = count_not_modeled(root, crashes, os.path.join(tmp, ".not-modeled"))
            shutil.rmtree(os.path.join(tmp, ".not-modeled"), ignore_errors=True)
        run["generated_at"] = iso(datetime.datetime.now().timestamp())
        run["crash_files"] = len(crashes)
        run["hostile"] = os.environ.get("WSKFUZZ_HOSTILE") == "1"
        run["report"] = rel(root, final)
        report.write_all(tmp, findings, run, root)

        # Swap the new report in only now: a failed or interrupted triage leaves the old one.
        old = os.path.join(out_dir, ".report.old.%d" % os.getpid())
        if os.path.exists(final):
            os.rename(final, old)
        os.rename(tmp, final)
        shutil.rmtree(old, ignore_errors=True)
    except KeyboardInterrupt:
        shutil.rmtree(tmp, ignore_errors=True)
        print("triage: interrupted; the earlier report is unchanged", file=sys.stderr)
        return 130
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise

    for n, f in enumerate(findings, 1):
        loc = f.location
        where = "%s:%s" % (loc["file"], loc["line"]) if loc and loc.get("line") else (loc or {}).get("file", "?")
        if loc and loc.get("function"):
            where += " in " + loc["function"]
        print("finding %d: %s  %s/%s  %d file%s  at %s  reproduce: %s" % (
            n, f.id, f.client, f.target, f.count, "" if f.count == 1 else "s", where, f.reproduce))
    for line in not_modeled.screen_lines("triage", run["not_modeled"] if own_not_modeled else []):
        print(line)
    print("triage: %d crash file%s, %d finding%s; report in %s" % (
        len(crashes), "" if len(crashes) == 1 else "s", len(findings), "" if len(findings) == 1 else "s",
        rel(root, final)), flush=True)
    return 1 if findings else 0
