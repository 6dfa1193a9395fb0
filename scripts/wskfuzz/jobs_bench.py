"""How --jobs N pays on this machine: libFuzzer's fork mode (-fork=N, one parent, jobs restarted
all the time) against N independent in-process libFuzzer processes sharing one corpus folder
(each rereads it, -reload=1). For each mode and N: the executions per second of all processes
together, the covered edges at the end, and the start cost: seconds from the start until the first
figures (in-process: libFuzzer's INITED; fork: the first job's end), and fork mode's jobs run.

    jobs <mode> jobs1=<exec/s> jobs2=<exec/s> ratio=<r> edges1=<n> edges2=<n> start1=<s> start2=<s> [forkjobs2=<n>]"""
import re
import shutil
import time

from . import engines
from .supervisor import Supervisor

_JOB = re.compile(r" job: (\d+)")


def measure(binary, corpus, secs, jobs, mode, logs):
    """One measurement: {'eps', 'edges', 'start', 'forkjobs'}."""
    corpus.mkdir(parents=True, exist_ok=True)
    state = {"first": None, "eps": {}, "edges": 0, "forkjobs": 0, "runs": {}}
    t0 = time.monotonic()

    def reader(i):
        def on_line(line):
            p = engines.libfuzzer_status(line)
            if p is None:
                return
            if state["first"] is None and (p.runs > 0 and ("INITED" in line or mode == "fork")):
                state["first"] = time.monotonic() - t0
            state["edges"] = max(state["edges"], p.cov)
            state["runs"][i] = p.runs
            m = _JOB.search(line)
            if m:
                state["forkjobs"] = int(m.group(1))
        return on_line

    base = [binary, "-max_total_time=%d" % secs, "-timeout=10", "-print_final_stats=1", "-artifact_prefix=%s/" % logs]
    with Supervisor() as sup:
        if mode == "fork":
            cmds = [base + ["-fork=%d" % jobs, "-ignore_crashes=1", str(corpus)]]
        else:
            cmds = [base + [str(corpus)] for _ in range(jobs)]
        children = [sup.spawn(c, log_path=str(logs / ("jobs-%s-%d-%d.log" % (mode, jobs, i))), on_line=reader(i),
                              cwd=str(logs)) for i, c in enumerate(cmds)]
        deadline = t0 + secs + 30
        while any(c.running() for c in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        sup.stop(children)
    wall = time.monotonic() - t0
    eps = 0
    for i in range(len(cmds)):
        text = (logs / ("jobs-%s-%d-%d.log" % (mode, jobs, i))).read_text(errors="replace")
        final = engines.libfuzzer_final_stats(text)
        # In-process: libFuzzer's own average; fork mode prints none of its jobs': runs over the time.
        eps += final.get("average_exec_per_sec") or int(state["runs"].get(i, 0) / max(1.0, wall))
    return {"eps": eps, "edges": state["edges"], "start": state["first"], "forkjobs": state["forkjobs"]}


def line(mode, r1, r2):
    fmt = lambda s: "%.2f" % s if s is not None else "none"
    text = "jobs %s jobs1=%d jobs2=%d ratio=%.2f edges1=%d edges2=%d start1=%s start2=%s" % (
        mode, r1["eps"], r2["eps"], r2["eps"] / r1["eps"] if r1["eps"] else 0, r1["edges"], r2["edges"],
        fmt(r1["start"]), fmt(r2["start"]))
    if mode == "fork":
        text += " forkjobs2=%d" % r2["forkjobs"]
    return text


def run_all(binary, fresh_corpus, secs, logs):
    """Both modes, jobs 1 and 2, each from a fresh copy of the seeds; the lines."""
    lines = []
    for mode in ("fork", "parallel"):
        r = {}
        for j in (1, 2):
            c = fresh_corpus()
            r[j] = measure(binary, c, secs, j, mode, logs)
            shutil.rmtree(c, ignore_errors=True)
        lines.append(line(mode, r[1], r[2]))
    return lines
