"""The engines' output formats, in one place: libFuzzer's status lines and final stats, AFL++'s
StatsD metrics and fuzzer_stats files. Parsers only; wskfuzz.fuzz and wskfuzz.cmd_bench run the
engines (through wskfuzz.supervisor)."""
import re
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

_STATUS = re.compile(r"^#(\d+)\b")
_FIELD = {name: re.compile(pattern) for name, pattern in (
    ("cov", r" cov: (\d+)"), ("corp", r" corp: (\d+)"), ("eps", r" exec/s:? (\d+)"), ("time", r" time: (\d+)s"),
    ("rss", r" rss: (\d+)Mb"))}
LIBFUZZER_ENDED = re.compile(r"^INFO: (exiting|fuzzed for|Done)|^#\d+", re.M)


@dataclass
class Progress:
    """What the progress line shows: executions, exec/s, coverage (edges or features), corpus size."""
    runs: int = 0
    eps: int = 0
    cov: int = 0
    corpus: int = 0


def libfuzzer_status(line):
    """A libFuzzer status line ("#RUNS ... cov: C ... corp: N ... exec/s: E ... rss: RMb"), or
    None for another line. In fork mode ("... time: Ts job: J") exec/s is the jobs' average rate,
    which does not grow with -fork=N: the total is RUNS / T."""
    m = _STATUS.match(line)
    if not m:
        return None
    got = {k: int(p.search(line).group(1)) if p.search(line) else None for k, p in _FIELD.items()}
    runs = int(m.group(1))
    eps = runs // got["time"] if got["time"] else (got["eps"] or 0)
    return Progress(runs, eps, got["cov"] or 0, got["corp"] or 0)


def libfuzzer_final_stats(text):
    """libFuzzer's -print_final_stats=1 lines ("stat::name: value") as a dict of ints."""
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^stat::(\w+):\s*(\d+)", text, re.M)}


def libfuzzer_rss(text):
    """(runs, rss MiB) of every status line after INITED."""
    out, on = [], False
    for line in text.splitlines():
        on = on or "INITED" in line
        m = _STATUS.match(line)
        r = _FIELD["rss"].search(line)
        if on and m and r:
            out.append((int(m.group(1)), int(r.group(1))))
    return out


def afl_fuzzer_stats(text):
    """An AFL++ fuzzer_stats file ("name : value" lines) as a dict of strings."""
    return {k.strip(): v.strip() for k, _, v in (l.partition(":") for l in text.splitlines()) if v}


def afl_stats_eps(texts):
    """The summed execs_done / run_time of AFL++ instances' fuzzer_stats."""
    total = 0.0
    for text in texts:
        s = afl_fuzzer_stats(text)
        t = float(s.get("run_time", 0) or 0)
        if t > 0:
            total += float(s.get("execs_done", 0)) / t
    return int(total)


def afl_outputs(sync, kind):
    """AFL++'s SYNC/<instance>/KIND/id:* files (KIND: queue, crashes, hangs)."""
    return sorted(p for p in Path(sync).glob("*/%s/id:*" % kind) if p.is_file())


def showmap_edges(text):
    """afl-showmap's tuples ("edge:hits" lines) as a set of edges."""
    return {line.split(":", 1)[0] for line in text.splitlines() if line}


def statsd_metrics(datagram):
    """One StatsD datagram ("afl.<banner>.execs_done:123|g" lines) as {metric: value}."""
    metrics = {}
    for line in datagram.decode("ascii", "replace").splitlines():
        name, _, rest = line.partition(":")
        try:
            metrics[name.rsplit(".", 1)[-1]] = float(rest.split("|", 1)[0])
        except ValueError:
            pass
    return metrics


class AflStatsListener:
    """Live totals of AFL++ instances: afl-fuzz writes fuzzer_stats once a minute and plot_data
    not at all in the first minute, but with AFL_STATSD=1 it sends StatsD metrics every second.
    This listens on a local UDP port and keeps the latest metrics of each instance (one sender
    address each)."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.latest = {}
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self._listen, daemon=True)
        self.thread.start()

    def _listen(self):
        while self.running:
            try:
                data, sender = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                self.latest.setdefault(sender, {}).update(statsd_metrics(data))

    def totals(self):
        """Progress summed over the instances (edges and corpus: the largest instance's)."""
        with self.lock:
            ms = list(self.latest.values())
        if not ms:
            return Progress()
        return Progress(int(sum(m.get("execs_done", 0) for m in ms)), int(sum(m.get("execs_per_sec", 0) for m in ms)),
                        int(max(m.get("edges_found", 0) for m in ms)), int(max(m.get("corpus_count", 0) for m in ms)))

    def close(self):
        self.running = False
        self.thread.join(timeout=2)
        self.sock.close()
