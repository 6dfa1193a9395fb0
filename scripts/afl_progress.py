#!/usr/bin/env python3
"""afl_progress.py - live totals of AFL++ instances for the fuzz progress line.

AFL++ writes fuzzer_stats only once a minute and plot_data not at all in the first minute, but it
sends StatsD metrics every second (AFL_STATSD=1). This listens on a local UDP port, keeps the
latest metrics of each instance (one sender address each), and rewrites OUT once a second with
"execs exec_per_sec edges corpus crashes hangs instances".
    afl_progress.py OUT      prints the port on its first line, then runs until killed"""
import os
import socket
import sys
import time


def main():
    out = sys.argv[1]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(1.0)
    print(sock.getsockname()[1], flush=True)
    latest = {}
    last_write = 0.0
    while True:
        try:
            data, sender = sock.recvfrom(65535)
            metrics = latest.setdefault(sender, {})
            for line in data.decode("ascii", "replace").splitlines():
                name, _, rest = line.partition(":")
                value = rest.split("|", 1)[0]
                try:
                    metrics[name.rsplit(".", 1)[-1]] = float(value)
                except ValueError:
                    pass
        except socket.timeout:
            pass
        now = time.time()
        if now - last_write >= 1.0 and latest:
            last_write = now
            total = lambda k: sum(m.get(k, 0) for m in latest.values())  # noqa: E731
            edges = max(m.get("edges_found", 0) for m in latest.values())
            corpus = max(m.get("corpus_count", 0) for m in latest.values())
            line = "%d %d %d %d %d %d %d\n" % (total("execs_done"), total("execs_per_sec"), edges, corpus,
                                               total("saved_crashes"), total("saved_hangs"), len(latest))
            tmp = out + ".tmp"
            with open(tmp, "w") as f:
                f.write(line)
            os.replace(tmp, out)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
