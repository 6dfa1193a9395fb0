"""Which way libFuzzer runs a share, and its in-process way (one process per job).

Fork mode (-fork=N) goes on after crashes, but its parent reports a job only when the job ends:
a short run shows `runs 0 exec/s 0` for its first seconds and figures that lag a job behind.
One process (no -fork) prints its status from the first thousand inputs on, so a short share with
one job runs in-process; it is restarted after a crash to keep going for the rest of the share, as
fork mode would. With --jobs N, N such processes share the run's corpus folder (libFuzzer rereads
it every second): measured on 2 cores (./build.sh bench, "jobs" lines) they run ~1.5x the
executions of one and ~2.8x those of -fork=2, whose jobs each pay a start. A crash right at start (a seed that crashes) would restart forever: then the rest
of the share goes to fork mode, which skips such inputs (-ignore_crashes): a process that crashed
before libFuzzer's INITED line crashed on the corpus."""
import time
from pathlib import Path

from . import engines, options

IN_PROCESS_UP_TO = 30  # seconds: a share up to this long runs in-process (with --jobs 1)


def choose(run):
    """'in-process', 'parallel=N' or 'fork=1' for a run's share."""
    if run.ctx.jobs >= 2:
        return "parallel=%d" % run.ctx.jobs
    if run.secs <= IN_PROCESS_UP_TO:
        return "in-process"
    return "fork=1"


class Slot:
    """One job: its process (restarted after a crash) and its figures so far."""

    def __init__(self, i):
        self.i, self.child, self.n, self.base, self.began, self.inited = i, None, 0, 0, 0.0, False
        self.progress = engines.Progress()

    def on_line(self, line):
        if "INITED" in line:
            self.inited = True
        p = engines.libfuzzer_status(line)
        if p:
            if not p.eps:  # libFuzzer says 0 in its first second: the rate since the process began
                p.eps = int(p.runs / max(0.1, time.monotonic() - self.began))
            p.runs += self.base  # executions over the whole share, across restarts
            self.progress = p


def total(slots):
    """The jobs' figures together: executions and exec/s summed, coverage and corpus the largest."""
    t = engines.Progress()
    for s in slots:
        t.runs += s.progress.runs
        t.eps += s.progress.eps if s.child is not None and s.child.running() else 0
        t.cov, t.corpus = max(t.cov, s.progress.cov), max(t.corpus, s.progress.corpus)
    return t


def start(run, slot, left):
    slot.n += 1
    log = run.logs / ("%s-%s-%d-%d.log" % (run.client.name, run.target, slot.i, slot.n))
    cmd = [run.binary("libfuzzer"), "-max_total_time=%d" % left, "-timeout=10",
           "-artifact_prefix=%s/" % run.staged] + options.libfuzzer_flags(run.ctx.root, run.target)
    cmd.append(str(run.corpus))
    if Path("corpus", run.target).is_dir():
        cmd.append("corpus/" + run.target)
    slot.began, slot.inited = time.monotonic(), False
    slot.child = run.sup.spawn(cmd, log_path=str(log), on_line=slot.on_line,
                               env=run.ctx.env(WSKFUZZ_NOT_MODELED_LOG=run.not_modeled_log))


def run_in_process(run, grace, every):
    """Run the share in run.ctx.jobs processes, each restarted after a crash. Returns None when the
    share is done, or the seconds left when the rest should go to fork mode (a crash at start)."""
    t0, last = time.monotonic(), -99
    slots = [Slot(i) for i in range(run.ctx.jobs)]
    for s in slots:
        start(run, s, run.limit)
    try:
        while True:
            elapsed = int(time.monotonic() - t0)
            # The first line waits for the engine's first figures (a second or two of start-up).
            figures = total(slots)
            if elapsed - last >= every and (figures.runs or elapsed >= every):
                last = elapsed
                run.progress(elapsed, figures, sum(1 for f in run.staged.iterdir() if f.is_file()))
            if elapsed >= run.secs + grace or run.interrupt.stop:
                return None
            left = run.limit - int(time.monotonic() - t0)
            busy = False
            for s in slots:
                if s.child.running():
                    busy = True
                    continue
                rc = s.child.popen.poll()
                run.sup.stop([s.child])
                s.child.reader.join(2)  # its last lines (INITED or not) are read before we judge
                if rc == 0 or left < 1:
                    continue  # -max_total_time: this job's share ran out
                # A crash (its input is in run.staged): a new process for the rest of the share,
                # unless it crashed on the corpus itself: restarting would crash again.
                if not s.inited:
                    return left
                s.base = s.progress.runs
                start(run, s, left)
                busy = True
            if not busy:
                return None
            time.sleep(0.2 if elapsed < 2 else (1 if not run.interrupt.stop else 0.1))
    finally:
        run.sup.stop([s.child for s in slots if s.child is not None])
