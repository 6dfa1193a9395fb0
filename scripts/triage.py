#!/usr/bin/env python3
"""triage.py - reproduce, bucket, minimize and decode crash files, then write the report.

Driven by scripts/cmd_triage.sh, which builds the binaries and writes one job line per crash file:
    path <TAB> client <TAB> target <TAB> standalone binary <TAB> sanitizer binary or - <TAB> client sources
    triage.py --root DIR --out-dir DIR --jobs FILE --run FILE.json [--minimize-time S] [--tries N]

Each file is replayed by the standalone reproducer (`--runs 1`), and by the libFuzzer build (ASan +
UBSan) when the standalone run shows no sanitizer report, up to N tries; a file that never crashes
is kept as a FLAKY finding. Buckets: the verdict ID per client; for sanitizer reports the crash type
plus the top three frames in client or stub code; TIMEOUT; FLAKY per target. One reproducer per
bucket is minimized (libFuzzer -minimize_crash=1, bounded) and kept only if it still lands in the
same bucket. The report is written to a temporary folder and moved into OUT/report at the end.
Exit 0: no finding, 1: findings, 2: a job cannot run."""
import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402

RUN_TIMEOUT = 5  # seconds per replay, as the standalone reproducer's --timeout
HEADLINE = re.compile(r"^WSKFUZZ VIOLATION ([A-Z0-9_]+): ?(.*)$", re.M)
SITE = re.compile(r"^client site: (.+?):(\d+)\b", re.M)
FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+ in (\S+) (.+?):(\d+)(?::\d+)?\s*$")
SAN_ERROR = re.compile(r"ERROR: (AddressSanitizer|LeakSanitizer|MemorySanitizer): (.*)$", re.M)
UBSAN = re.compile(r"^(\S+?):(\d+):\d+: runtime error: (.*)$", re.M)
LIBFUZZER = re.compile(r"ERROR: libFuzzer: (timeout|out-of-memory|fuzz target exited|deadly signal)")


class Outcome:
    """What one replay showed: kind is verdict | sanitizer | timeout | crash (a signal, no report)."""

    def __init__(self, kind, key, ident, message="", location=None, crash_type=None, frames=(), text=""):
        self.kind, self.key, self.id, self.message = kind, key, ident, message
        self.location, self.crash_type, self.frames, self.text = location, crash_type, list(frames), text


def env_for_replay():
    env = dict(os.environ)
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
    env.pop("WSKFUZZ_TRACE", None)
    return env


def kill_group(p):
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except OSError:
        pass


def run(cmd, timeout):
    """Run in a process group of its own (libFuzzer's minimizer starts children): on a timeout
    or an interrupt the whole group goes."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env_for_replay(),
                         start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
        return p.returncode, out.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        kill_group(p)
        out, _ = p.communicate()
        return None, out.decode("utf-8", "replace") + "\n... timeout\n"
    except BaseException:
        kill_group(p)
        p.wait()
        raise


class Job:
    def __init__(self, root, line):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 6:
            raise ValueError("bad job line: %r" % line)
        self.path, self.client, self.target, self.standalone, sanitizer, srcs = parts
        self.sanitizer = None if sanitizer == "-" else sanitizer
        self.root = root
        self.sources = srcs.split()
        self.source_abs = {os.path.realpath(os.path.join(root, s)) for s in self.sources}

    def is_client_file(self, path):
        return os.path.realpath(os.path.join(self.root, path)) in self.source_abs

    def is_stub_file(self, path):
        rel = os.path.relpath(os.path.realpath(os.path.join(self.root, path)), self.root)
        return rel.startswith("stubs" + os.sep)


def rel(root, path):
    """A path as the report shows it: relative to the repository when inside it."""
    a = os.path.abspath(os.path.join(root, path))
    r = os.path.relpath(a, root)
    return a if r.startswith("..") else r


def sanitizer_type(tool, text):
    if tool == "LeakSanitizer":
        return "memory-leak"
    if tool == "MemorySanitizer":
        return text.split()[0] if text.split() else "msan"
    text = re.sub(r"^attempting ", "", text)
    if text.startswith("free on address which was not malloc"):
        return "bad-free"
    word = re.split(r"[\s:(]", text, 1)[0]
    return word or "asan"


def ubsan_type(text):
    text = re.sub(r"0x[0-9a-fA-F]+|\b\d+\b|'[^']*'", "", text.split(":")[0])
    return "ub-" + "-".join(text.split()[:6])


def first_stack(text, start):
    """Frames (function, file, line) of the first stack trace after offset `start`."""
    frames, begun = [], False
    for line in text[start:].splitlines():
        m = FRAME.match(line)
        if m:
            begun = True
            frames.append((m.group(1), m.group(2), int(m.group(3))))
        elif begun:
            break
    return frames


def classify(job, rc, text):
    """The outcome of one replay, or None when it ran clean."""
    m = HEADLINE.search(text)
    if m:
        site = SITE.search(text)
        loc = {"file": rel(job.root, site.group(1)), "line": int(site.group(2))} if site else None
        return Outcome("verdict", m.group(1), m.group(1), m.group(0), loc, text=text)
    san = SAN_ERROR.search(text)
    ub = UBSAN.search(text)
    if san or ub:
        if san and (not ub or san.start() < ub.start()):
            ctype = sanitizer_type(san.group(1), san.group(2))
            message = "%s: %s" % (san.group(1), san.group(2).strip())
            frames = first_stack(text, san.end())
        else:
            ctype = ubsan_type(ub.group(3))
            message = "UndefinedBehaviorSanitizer: " + ub.group(3).strip()
            frames = first_stack(text, ub.end())
            frames = frames or [("?", ub.group(1), int(ub.group(2)))]
        ours = [f for f in frames if job.is_client_file(f[1]) or job.is_stub_file(f[1])]
        top = [f[0] for f in ours[:3]]
        client = next((f for f in frames if job.is_client_file(f[1])), None) or (ours[0] if ours else None)
        loc = {"file": rel(job.root, client[1]), "line": client[2]} if client else None
        key = "%s@%s" % (ctype, ">".join(top))
        return Outcome("sanitizer", key, ctype, message, loc, ctype, top, text)
    lf = LIBFUZZER.search(text)
    if rc is None or re.search(r" \.\.\. timeout$", text, re.M) or (lf and lf.group(1) == "timeout"):
        return Outcome("timeout", "TIMEOUT", "TIMEOUT", "the input ran longer than %d s" % RUN_TIMEOUT, text=text)
    if lf and lf.group(1) == "out-of-memory":
        return Outcome("sanitizer", "out-of-memory@", "out-of-memory", "libFuzzer: out-of-memory",
                       crash_type="out-of-memory", text=text)
    if rc != 0:
        what = ("signal-" + signal.Signals(-rc).name) if rc < 0 else "exit-%d" % rc
        return Outcome("crash", what, what, "the reproducer ended with %s and no report" % what,
                       crash_type=what, text=text)
    return None


def replay(job, path, tries):
    """Replay until something is seen: the standalone reproducer, then the sanitizer build."""
    fallback = None
    for _ in range(tries):
        rc, text = run([job.standalone, "--runs", "1", "--timeout", str(RUN_TIMEOUT), path], RUN_TIMEOUT + 10)
        out = classify(job, rc, text)
        if out and out.kind in ("verdict", "timeout"):
            return out
        fallback = fallback or out
        if job.sanitizer:
            rc, text = run([job.sanitizer, "-timeout=%d" % RUN_TIMEOUT, path], RUN_TIMEOUT + 20)
            san = classify(job, rc, text)
            if san and san.kind != "crash":
                return san
            fallback = fallback or san
        if fallback:
            return fallback
    return None


def minimize(job, path, outcome, seconds, tries, work):
    """Minimize into WORK/minimized. Returns (minimized?, note): minimized is True when that file
    holds a smaller input in the same bucket, or the original because nothing smaller crashes."""
    out = os.path.join(work, "minimized")
    if os.path.exists(out):
        os.unlink(out)
    if os.path.getsize(path) <= 1:
        shutil.copyfile(path, out)
        return True, "one byte: already minimal"
    if not job.sanitizer or outcome.kind not in ("verdict", "sanitizer") or seconds <= 0:
        return False, "not minimized (%s)" % ("no libFuzzer build" if not job.sanitizer else
                                              "minimization is for verdicts and sanitizer reports")
    # Each step is a process that tries -runs mutations; the file holds the smallest crash so far,
    # so stopping the whole group at the time limit keeps what was gained.
    cmd = [job.sanitizer, "-minimize_crash=1", "-max_total_time=%d" % seconds, "-runs=20000",
           "-timeout=%d" % RUN_TIMEOUT, "-exact_artifact_path=" + out, path]
    rc, text = run(cmd, seconds)
    if not os.path.exists(out) or os.path.getsize(out) >= os.path.getsize(path):
        if "CRASH_MIN: failed to minimize beyond" in text:
            shutil.copyfile(path, out)
            return True, "libFuzzer found no smaller input that crashes: already minimal"
        if os.path.exists(out):
            os.unlink(out)
        return False, "minimization found nothing smaller in %d s" % seconds
    again = replay(job, out, min(tries, 3))
    if not again or again.key != outcome.key:
        os.unlink(out)
        return False, "the minimized input gave %s, another bucket: kept the original" % (
            again.id if again else "no crash")
    return True, "minimized from %d bytes" % os.path.getsize(path)


def describe(job, path):
    """The text scenario and the live trace, from the standalone reproducer's --describe."""
    rc, text = run([job.standalone, "--describe", "--timeout", str(RUN_TIMEOUT), path], RUN_TIMEOUT + 10)
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


def on_term(signum, frame):
    raise KeyboardInterrupt


def main():
    signal.signal(signal.SIGTERM, on_term)
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--jobs", required=True)
    ap.add_argument("--run", required=True)
    ap.add_argument("--minimize-time", type=int, default=10)
    ap.add_argument("--tries", type=int, default=10)
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    out_dir = os.path.join(root, a.out_dir) if not os.path.isabs(a.out_dir) else a.out_dir
    with open(a.run, encoding="utf-8") as f:
        run_info = json.load(f)
    with open(a.jobs, encoding="utf-8") as f:
        jobs = [Job(root, line) for line in f if line.strip()]

    final = os.path.join(out_dir, "report")
    tmp = os.path.join(out_dir, ".report.tmp.%d" % os.getpid())
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    try:
        buckets = {}
        order = []
        for n, job in enumerate(jobs, 1):
            out = replay(job, job.path, a.tries)
            if out is None:
                out = Outcome("flaky", "FLAKY/" + job.target, "FLAKY",
                              "did not reproduce in %d tries" % a.tries)
            key = (job.client, out.key)
            if key not in buckets:
                buckets[key] = {"outcome": out, "jobs": []}
                order.append(key)
            buckets[key]["jobs"].append(job)
            print("triage: [%d/%d] %s: %s" % (n, len(jobs), rel(root, job.path), out.id), flush=True)

        findings = []
        env_prefix = "WSKFUZZ_HOSTILE=1 " if os.environ.get("WSKFUZZ_HOSTILE") == "1" else ""
        for key in order:
            b = buckets[key]
            out, bjobs = b["outcome"], b["jobs"]
            rep = min(bjobs, key=lambda j: (os.path.getsize(j.path), j.path))
            dslug = slug(out.id)
            if out.kind == "sanitizer":  # one type may have several buckets: tell them apart
                dslug += "-" + hashlib.sha1(out.key.encode()).hexdigest()[:8]
            rel_dir = os.path.join("reproducers", rep.client, rep.target, dslug)
            bdir = os.path.join(tmp, rel_dir)
            os.makedirs(bdir, exist_ok=True)
            original_name = "original-" + os.path.basename(rep.path)
            shutil.copyfile(rep.path, os.path.join(bdir, original_name))
            minimized, note = minimize(rep, rep.path, out, a.minimize_time, a.tries, bdir)
            final_dir = os.path.join(final, rel_dir)
            repro_name = "minimized" if minimized else original_name
            repro_final = rel(root, os.path.join(final_dir, repro_name))
            repro_tmp = os.path.join(bdir, repro_name)
            scenario_text, trace_text = describe(rep, repro_tmp)
            with open(os.path.join(bdir, "scenario.txt"), "w", encoding="utf-8") as f:
                f.write(scenario_text + "\n")
            # The reproducer's own output, for the trace and the sanitizer report.
            replayed = replay(rep, repro_tmp, 1)
            with open(os.path.join(bdir, "output.txt"), "w", encoding="utf-8") as f:
                f.write((replayed or out).text)
            binary = rep.sanitizer if out.kind in ("sanitizer", "crash") and rep.sanitizer else rep.standalone
            args = [rel(root, binary)] + (["--runs", "1"] if binary == rep.standalone else []) + [repro_final]
            crash_files = sorted({rel(root, j.path) for j in bjobs})
            sanitizer_text = ""
            if out.kind == "sanitizer":
                lines = out.text.splitlines()
                start = next((i for i, l in enumerate(lines) if "ERROR:" in l or "runtime error:" in l), 0)
                sanitizer_text = "\n".join(lines[start:start + 40])
            row = next((r for r in report.catalogue() if r["id"] == out.id), None)
            findings.append({
                "bucket": "%s/%s" % (rep.client, out.key),
                "kind": out.kind if out.kind != "crash" else "sanitizer",
                "id": out.id,
                "crash_type": out.crash_type,
                "frames": out.frames,
                "rule": row["rule"] if row else None,
                "doc_page": row["page"] if row else None,
                "doc_url": next((u for u in row["urls"] if u), None) if row else None,
                "message": out.message,
                "client": rep.client,
                "target": rep.target,
                "targets": sorted({j.target for j in bjobs}),
                "count": len(bjobs),
                "location": out.location,
                "reproducer": repro_final,
                "minimized": minimized,
                "minimize_note": note,
                "reproducer_size": os.path.getsize(repro_tmp),
                "original": rel(root, os.path.join(final_dir, original_name)),
                "original_size": os.path.getsize(rep.path),
                "crash_files": crash_files,
                "scenario": rel(root, os.path.join(final_dir, "scenario.txt")),
                "output": rel(root, os.path.join(final_dir, "output.txt")),
                "first_seen": iso(min(os.path.getmtime(j.path) for j in bjobs)),
                "reproduce": env_prefix + " ".join(shell_quote(x) for x in args),
                "client_sources": [rel(root, s) for s in rep.sources],
                "scenario_text": scenario_text,
                "trace_text": trace_text,
                "sanitizer_text": sanitizer_text,
            })

        run_info["generated_at"] = iso(datetime.datetime.now().timestamp())
        run_info["crash_files"] = len(jobs)
        run_info["hostile"] = os.environ.get("WSKFUZZ_HOSTILE") == "1"
        run_info["report"] = rel(root, final)
        report.write_all(tmp, findings, run_info, root)

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
        loc = f["location"]
        where = "%s:%s" % (loc["file"], loc["line"]) if loc and loc.get("line") else "?"
        print("finding %d: %s  %s/%s  %d file%s  at %s  reproduce: %s" % (
            n, f["id"], f["client"], f["target"], f["count"], "" if f["count"] == 1 else "s", where,
            f["reproduce"]))
    print("triage: %d crash file%s, %d finding%s; report in %s" % (
        len(jobs), "" if len(jobs) == 1 else "s", len(findings), "" if len(findings) == 1 else "s",
        rel(root, final)))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
