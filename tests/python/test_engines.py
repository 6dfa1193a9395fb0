"""The engines' output formats (wskfuzz.engines) and the records' boundaries (wskfuzz.records)."""
import socket
import time
import unittest

from wskfuzz import engines
from wskfuzz.records import Client, CrashFile, RunInfo

# Lines as libFuzzer prints them (one process; fork mode, whose exec/s is the jobs' average).
PLAIN = "#4096\tpulse  cov: 13 ft: 14 corp: 5/45b lim: 33 exec/s: 2048 rss: 35Mb"
FORK = "#1105936: cov: 13 ft: 14 corp: 5 exec/s: 1000 oom/timeout/crash: 0/0/0 time: 2s job: 3 dft_time: 0"


class LibFuzzer(unittest.TestCase):
    def test_plain_status_line(self):
        self.assertEqual(engines.libfuzzer_status(PLAIN), engines.Progress(4096, 2048, 13, 5))

    def test_fork_mode_total_rate(self):
        self.assertEqual(engines.libfuzzer_status(FORK), engines.Progress(1105936, 552968, 13, 5))

    def test_other_lines_are_not_status(self):
        self.assertIsNone(engines.libfuzzer_status("INFO: Seed: 1"))

    def test_final_stats(self):
        text = "stat::number_of_executed_units: 2000\nstat::average_exec_per_sec:     1234\nother\n"
        self.assertEqual(engines.libfuzzer_final_stats(text),
                         {"number_of_executed_units": 2000, "average_exec_per_sec": 1234})

    def test_rss_points_after_inited(self):
        text = "#1 READ rss: 20Mb\n#2\tINITED cov: 3 rss: 31Mb\n#1048576\tpulse rss: 60Mb\n#2000000\tDONE rss: 61Mb\n"
        self.assertEqual(engines.libfuzzer_rss(text), [(2, 31), (1048576, 60), (2000000, 61)])


class Afl(unittest.TestCase):
    def test_fuzzer_stats_rate(self):
        a = "execs_done        : 1000\nrun_time          : 10\n"
        b = "execs_done : 600\nrun_time : 3\n"
        self.assertEqual(engines.afl_stats_eps([a, b]), 300)

    def test_statsd_totals_over_instances(self):
        listener = engines.AflStatsListener()
        try:
            for execs, edges in ((100, 7), (50, 9)):  # two instances: two sender addresses
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.sendto(("fuzzing.main.execs_done:%d|g\nfuzzing.main.edges_found:%d|g\n"
                          "fuzzing.main.corpus_count:4|g" % (execs, edges)).encode(), ("127.0.0.1", listener.port))
                s.close()
            deadline = time.monotonic() + 5
            while listener.totals().runs < 150 and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertEqual(listener.totals(), engines.Progress(150, 0, 9, 4))
        finally:
            listener.close()


class Records(unittest.TestCase):
    def test_client_spec_round_trip(self):
        c = Client.from_spec("two|a/x.c a/y.c\n")
        self.assertEqual(c, Client("two", ("a/x.c", "a/y.c")))
        self.assertEqual(Client.from_spec(c.spec()), c)

    def test_crash_file_json_round_trip(self):
        f = CrashFile("out/crashes/c/t/crash-1", Client("c", ("src/c.c",)), "t", "out/standalone/c/t", None)
        self.assertEqual(CrashFile.from_json(f.to_json()), f)

    def test_run_info_ignores_unknown_keys(self):
        r = RunInfo("fuzz", "./build.sh fuzz", engine="afl", jobs=2, interrupted=True)
        d = dict(r.to_json(), generated_at="later")
        self.assertEqual(RunInfo.from_json(d), r)


if __name__ == "__main__":
    unittest.main()
