"""One fuzzing run (a client, a target, a share of the time) with libFuzzer or AFL++, supervised:
live progress every few seconds from the engine's own output, stopped with its whole process
group when it overstays its share or on Ctrl-C."""
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import campaign, engines, libfuzzer_modes, not_modeled, options

PROGRESS_EVERY = 3  # seconds between progress lines (the promise is 5; a loaded machine is slow)
GRACE = 2           # seconds an engine may overstay its share (fork jobs, AFL's start-up) before it is stopped


class Run:
    """Where one run reads and writes: the engine's binary, the grown corpus, the staged finds."""

    def __init__(self, ctx, sup, client, target, secs, label, work, interrupt):
        self.ctx, self.sup, self.client, self.target = ctx, sup, client, target
        self.secs, self.label, self.work, self.interrupt = secs, label, work, interrupt
        self.corpus = ctx.out_dir / "corpus" / client.name / target
        self.staged = work / "found" / client.name / target
        self.logs = work / "logs"
        for d in (self.corpus, self.staged, self.logs):
            d.mkdir(parents=True, exist_ok=True)
        # Every process of this run (fork-mode jobs keep no stderr) sums its routines not modeled here.
        self.not_modeled_log = not_modeled.fresh_log(work / "not-modeled", "%s-%s" % (client.name, target))
        # A second of the share is kept for start-up and wrap-up (the merge of the last jobs' finds).
        self.limit = self.secs - 1 if self.secs >= 4 else self.secs
        self.mode = ctx.engine if ctx.engine != "libfuzzer" else "fork=%d" % ctx.jobs  # how the engine runs, shown in the progress line and the campaign's charts
        self.samples = []       # the progress lines' figures, for wskfuzz.campaign

    def binary(self, flavor):
        return str(self.ctx.out_dir / flavor / self.client.name / self.target)

    def progress(self, elapsed, p, found):
        print("fuzz: %s  %3ds/%ds  runs %d  exec/s %d  cov %d  corpus %d  findings %d  mode %s" % (
            self.label, elapsed, self.secs, p.runs, p.eps, p.cov, p.corpus, found, self.mode), flush=True)
        self.samples.append(campaign.sample(elapsed, p, found))


def count_files(d):
    return sum(1 for f in Path(d).iterdir() if f.is_file()) if Path(d).is_dir() else 0


# ---- libFuzzer: fork mode (-fork=JOBS) keeps going after crashes; our triage deduplicates ----
def run_libfuzzer(run):
    run.mode = libfuzzer_modes.choose(run)  # a short share in-process: live figures from its start
    if not run.mode.startswith("fork"):
        rest = libfuzzer_modes.run_in_process(run, GRACE, PROGRESS_EVERY)
        if rest is None:
            return
        run.mode, run.secs, run.limit = "fork=%d" % run.ctx.jobs, rest + run.secs - run.limit, rest
    tmp = run.work / "tmp"
    tmp.mkdir(exist_ok=True)
    log = run.logs / ("%s-%s.log" % (run.client.name, run.target))
    cmd = [run.binary("libfuzzer"), "-fork=%d" % run.ctx.jobs, "-ignore_crashes=1", "-max_total_time=%d" % run.limit,
           "-timeout=10", "-artifact_prefix=%s/" % run.staged]
    cmd += options.libfuzzer_flags(run.ctx.root, run.target) + [str(run.corpus)]
    if Path("corpus", run.target).is_dir():
        cmd.append("corpus/" + run.target)
    # Fork mode reports when a job ends: the numbers are those of the jobs ended so far.
    state = {"progress": engines.Progress(), "ended_well": False}

    def on_line(line):
        p = engines.libfuzzer_status(line)
        if p:
            state["progress"] = p
        if engines.LIBFUZZER_ENDED.match(line):
            state["ended_well"] = True

    child = run.sup.spawn(cmd, log_path=str(log), on_line=on_line,
                          env=run.ctx.env(TMPDIR=str(tmp), WSKFUZZ_NOT_MODELED_LOG=run.not_modeled_log))
    start, last, killed = time.monotonic(), -99, False
    while child.running():
        elapsed = int(time.monotonic() - start)
        # No line of zeros at start: the first waits for a job's figures, or PROGRESS_EVERY seconds.
        if elapsed - last >= PROGRESS_EVERY and (state["progress"].runs or elapsed >= PROGRESS_EVERY):
            last = elapsed
            run.progress(elapsed, state["progress"], count_files(run.staged))
        # The fork parent looks at the clock only when a job ends; its stop file (-stop_file, in
        # its temporary folder) ends the running jobs now, and their finds are still merged.
        stop_dir = tmp / ("libFuzzerTemp.FuzzWithFork%d.dir" % child.pid)
        if (elapsed >= run.limit or run.interrupt.stop) and stop_dir.is_dir():
            (stop_dir / "STOP").touch()
        # A fuzzer that overstays even so (a hung job), or a Ctrl-C, stops it with its children.
        if elapsed >= run.secs + GRACE or run.interrupt.stop:
            run.sup.stop([child])
            killed = True
            break
        time.sleep(1 if not run.interrupt.stop else 0.1)
    run.sup.stop([child])  # what the group still holds (a job the parent left behind)
    if not run.interrupt.stop and not killed and not state["ended_well"]:
        lines = [l for l in log.read_text(errors="replace").splitlines() if not l.startswith("INFO")]
        print("fuzz: %s: libFuzzer ended early: %s" % (run.label, lines[-1] if lines else ""), file=sys.stderr)


# ---- AFL++: one -M and JOBS-1 -S instances sharing one sync folder, one -S with CMPLOG ----
def sha1_of(path):
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def copy_new(src_dir, dest_dir):
    """cp -n of a folder's files."""
    if Path(src_dir).is_dir():
        for f in Path(src_dir).iterdir():
            if f.is_file() and not (Path(dest_dir) / f.name).exists():
                shutil.copyfile(f, Path(dest_dir) / f.name)


def runs_clean(binary, path):
    return subprocess.run([binary, "--runs", "1", str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def afl_seeds(run):
    """The seed folder for afl-fuzz: the seeds and the grown corpus, minus the inputs that crash
    (a finding already, and afl-fuzz refuses to start on one). None when every seed crashes."""
    seeds = run.work / "seeds" / run.client.name / run.target
    seeds.mkdir(parents=True, exist_ok=True)
    copy_new(Path("corpus", run.target), seeds)
    copy_new(run.corpus, seeds)
    if not any(seeds.iterdir()):
        (seeds / "zero").write_bytes(b"\0")
    standalone = run.binary("standalone")
    if not runs_clean(standalone, seeds):
        for f in sorted(seeds.iterdir()):
            if not runs_clean(standalone, f):
                shutil.copyfile(f, run.staged / ("crash-" + sha1_of(f)))
                f.unlink()
        if not any(seeds.iterdir()):
            print("fuzz: %s: every seed crashes: nothing for AFL++ to start from" % run.label, file=sys.stderr)
            return None
    return seeds


def harvest(sync, kind, dest, prefix):
    """Copy SYNC/*/KIND/id:* files to DEST/PREFIX<sha1>, each content once, never overwriting."""
    for f in engines.afl_outputs(sync, kind):
        target = Path(dest) / (prefix + sha1_of(f))
        if not target.exists():
            shutil.copyfile(f, target)


def afl_env(port):
    # afl-fuzz sets the sanitizer options it needs and refuses a user's that lack them.
    env = {k: v for k, v in os.environ.items() if k not in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "MSAN_OPTIONS")}
    env.update(AFL_NO_UI="1", AFL_SKIP_CPUFREQ="1", AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES="1", AFL_NO_AFFINITY="1",
               AFL_STATSD="1", AFL_STATSD_HOST="127.0.0.1", AFL_STATSD_PORT=str(port))
    return env


def run_afl(run):
    t0 = time.monotonic()
    seeds = afl_seeds(run)
    if seeds is None:
        return
    sync = run.work / "afl" / run.client.name / run.target
    sync.parent.mkdir(parents=True, exist_ok=True)
    opts = options.afl_flags(run.ctx.root, run.target)
    stats = engines.AflStatsListener()
    children = []
    try:
        for i in range(run.ctx.jobs):
            role = ["-M", "main"] if i == 0 else ["-S", "s%d" % i]
            cmplog = ["-c", run.binary("afl-cmplog")] if i == 1 else []
            cmd = ["afl-fuzz", "-i", str(seeds), "-o", str(sync), "-V", str(run.limit)] + role + cmplog + opts
            cmd += ["--", run.binary("afl")]
            log = run.logs / ("%s-%s-%d.log" % (run.client.name, run.target, i))
            children.append(run.sup.spawn(cmd, log_path=str(log), env=afl_env(stats.port)))
        print("fuzz: %s: %d AFL++ instance(s) started after %ds of preparation" % (
            run.label, run.ctx.jobs, int(time.monotonic() - t0)), file=sys.stderr, flush=True)
        start, last, prev_runs, eps = time.monotonic(), -99, 0, 0
        while any(c.running() for c in children):
            elapsed = int(time.monotonic() - start)
            if elapsed - last >= PROGRESS_EVERY:
                p = stats.totals()
                # exec/s over the last interval, summed over the instances (AFL's own figure starts odd).
                if last >= 0:
                    eps = (p.runs - prev_runs) // max(1, elapsed - last)
                prev_runs, last = p.runs, elapsed
                p.eps = eps
                found = sum(len(engines.afl_outputs(sync, kind)) for kind in ("crashes", "hangs"))
                found += count_files(run.staged)
                run.progress(elapsed, p, found)
            if elapsed >= run.secs + GRACE or run.interrupt.stop:
                break
            time.sleep(1)
        run.sup.stop(children)
    finally:
        stats.close()
    if not (sync / "main").is_dir():
        log = (run.logs / ("%s-%s-0.log" % (run.client.name, run.target))).read_text(errors="replace")
        why = next((l for l in log.splitlines() if "PROGRAM ABORT" in l or "ERROR" in l), "")
        print("fuzz: %s: afl-fuzz did not start: %s" % (run.label, why), file=sys.stderr)
    # Crashes and hangs become crash-/timeout- files named by content, the queue joins the corpus.
    harvest(sync, "crashes", run.staged, "crash-")
    harvest(sync, "hangs", run.staged, "timeout-")
    harvest(sync, "queue", run.corpus, "")
    afl_not_modeled(run)


def afl_not_modeled(run):
    """AFL++'s persistent children are killed at the end, before they can write their summary:
    the routines not modeled of an AFL++ run are those its corpus meets, replayed by the
    standalone reproducer (one process; one per file when an input crashes it). The seeds it started
    from count too: on a loaded machine afl-fuzz may have queued nothing yet."""
    dirs = [d for d in (run.work / "seeds" / run.client.name / run.target, run.corpus) if count_files(d)]
    files = sorted(f for d in dirs for f in d.iterdir() if f.is_file())
    if not files:
        return
    env = dict(os.environ, WSKFUZZ_NOT_MODELED_LOG=run.not_modeled_log)
    quiet = dict(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    standalone = run.binary("standalone")
    if subprocess.run([standalone, "--runs", "1", "--timeout", "5"] + [str(d) for d in dirs], **quiet).returncode == 0:
        return
    open(run.not_modeled_log, "w").close()  # the aborted pass wrote nothing; start clean all the same
    for f in files:
        subprocess.run([standalone, "--runs", "1", "--timeout", "5", str(f)], **quiet)
