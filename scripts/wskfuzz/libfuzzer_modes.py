"""Which way libFuzzer runs a share, and its in-process way.

Fork mode (-fork=N) goes on after crashes, but its parent reports a job only when the job ends:
a short run shows `runs 0 exec/s 0` for its first seconds and figures that lag a job behind.
One process (no -fork) prints its status from the first thousand inputs on, so a short share with
one job runs in-process; it is restarted after a crash to keep going for the rest of the share, as
fork mode would. A crash right at start (a seed that crashes) would restart forever: then the rest
of the share goes to fork mode, which skips such inputs (-ignore_crashes): a process that crashed
before libFuzzer's INITED line crashed on the corpus."""
import time
from pathlib import Path

from . import engines, options

IN_PROCESS_UP_TO = 30  # seconds: a share up to this long runs in-process (with --jobs 1)


def choose(run):
    """'in-process' or 'fork=N' for a run's share."""
    if run.ctx.jobs == 1 and run.secs <= IN_PROCESS_UP_TO:
        return "in-process"
    return "fork=%d" % run.ctx.jobs


def run_in_process(run, grace, every):
    """Run the share in one process at a time. Returns None when the share is done, or the
    seconds left when the rest should go to fork mode (a crash at start)."""
    start, last, base_runs = time.monotonic(), -99, 0
    state = {"progress": engines.Progress(), "began": start}

    def on_line(line):
        if "INITED" in line:
            state["inited"] = True
        p = engines.libfuzzer_status(line)
        if p:
            if not p.eps:  # libFuzzer says 0 in its first second: the rate since the process began
                p.eps = int(p.runs / max(0.1, time.monotonic() - state["began"]))
            p.runs += base_runs  # executions over the whole share, across restarts
            state["progress"] = p

    n = 0
    while not run.interrupt.stop:
        left = run.limit - int(time.monotonic() - start)
        if left < 1:
            return None
        n += 1
        log = run.logs / ("%s-%s-%d.log" % (run.client.name, run.target, n))
        cmd = [run.binary("libfuzzer"), "-max_total_time=%d" % left, "-timeout=10",
               "-artifact_prefix=%s/" % run.staged] + options.libfuzzer_flags(run.ctx.root, run.target)
        cmd.append(str(run.corpus))
        if Path("corpus", run.target).is_dir():
            cmd.append("corpus/" + run.target)
        began = state["began"] = time.monotonic()
        state["inited"] = False
        child = run.sup.spawn(cmd, log_path=str(log), on_line=on_line, env=run.ctx.env())
        while child.running():
            elapsed = int(time.monotonic() - start)
            # The first line waits for the engine's first figures (a second or two of start-up).
            if elapsed - last >= every and (state["progress"].runs or elapsed >= every):
                last = elapsed
                run.progress(elapsed, state["progress"], sum(1 for f in run.staged.iterdir() if f.is_file()))
            if elapsed >= run.secs + grace or run.interrupt.stop:
                break
            time.sleep(0.2 if elapsed < 2 else (1 if not run.interrupt.stop else 0.1))
        rc = child.popen.poll()
        run.sup.stop([child])
        if run.interrupt.stop or int(time.monotonic() - start) >= run.secs + grace:
            return None
        if rc == 0:
            return None  # -max_total_time: the share ran out
        # A crash (its input is in run.staged): a new process for the rest of the share.
        base_runs = state["progress"].runs
        if not state["inited"]:  # it crashed on the corpus itself: restarting would crash again
            left = run.limit - int(time.monotonic() - start)
            return left if left >= 1 else None
    return None
