"""The routines not modeled, summed over a run's processes: counts add up, the first known site
stays, the answer comes from docs/kernel-routines.md, and each run gets a fresh log file."""
import tempfile
import unittest
from pathlib import Path

from wskfuzz import not_modeled
from wskfuzz.report import findings_json, summary_md

ROOT = Path(__file__).resolve().parents[2]
JOB1 = ("WSKFUZZ NOT MODELED IoCreateSymbolicLink\n"
        "WSKFUZZ NOT MODELED SUMMARY IoCreateSymbolicLink inputs=10 calls=12 site=?\n"
        "WSKFUZZ NOT MODELED SUMMARY FwpmEngineOpen0 inputs=1 calls=1 site=tests/realworld/ndis_wfp/callout.c:160\n")
JOB2 = "WSKFUZZ NOT MODELED SUMMARY IoCreateSymbolicLink inputs=5 calls=5 site=src/client.c:40\n"


class Tally(unittest.TestCase):
    def test_jobs_add_up(self):
        t = not_modeled.Tally()
        t.add_text(JOB1)
        t.add_text(JOB2)
        rows = t.to_json(ROOT)
        self.assertEqual([(r["routine"], r["inputs"], r["calls"], r["site"]) for r in rows],
                         [("IoCreateSymbolicLink", 15, 17, "src/client.c:40"),
                          ("FwpmEngineOpen0", 1, 1, "tests/realworld/ndis_wfp/callout.c:160")])
        self.assertEqual(rows[0]["answer"], "returns STATUS_INSUFFICIENT_RESOURCES")

    def test_answer_from_the_routine_table(self):
        said = not_modeled.answers(ROOT)
        self.assertEqual(said["IoCreateSymbolicLink"], "returns STATUS_INSUFFICIENT_RESOURCES")
        self.assertNotIn("ExAllocatePoolWithTag", said)  # modeled: not an answer of this table

    def test_first_line_of_a_routine_is_not_a_summary(self):
        t = not_modeled.Tally()
        t.add_text("WSKFUZZ NOT MODELED IoCreateSymbolicLink\n")
        self.assertFalse(t)

    def test_cut_short_words(self):
        t = not_modeled.Tally()
        t.add_text(JOB2)
        self.assertEqual(not_modeled.cut_short(t.to_json(ROOT)),
                         "1 routine the stub kernel does not model cut paths short: IoCreateSymbolicLink (client.c:40, 5 inputs)")

    def test_fresh_log_never_an_earlier_one(self):
        with tempfile.TemporaryDirectory() as d:
            a = not_modeled.fresh_log(d, "c-fuzz_attach")
            Path(a).write_text(JOB1)
            b = not_modeled.fresh_log(d, "c-fuzz_attach")
            self.assertNotEqual(a, b)
            self.assertEqual(Path(b).read_text(), "")
            self.assertEqual(Path(a).read_text(), JOB1)


class Report(unittest.TestCase):
    def run_info(self, rows):
        return dict(command="fuzz", command_line="./build.sh fuzz", clients=["c"], targets=["fuzz_attach"],
                    crash_files=0, generated_at="2026-01-01T00:00:00Z", not_modeled=rows)

    def test_findings_json_top_level(self):
        rows = [{"routine": "IoCreateSymbolicLink", "site": "src/client.c:40", "inputs": 5, "calls": 5, "answer": "x"}]
        doc = findings_json([], self.run_info(rows))
        self.assertEqual(doc["not_modeled"], rows)
        self.assertNotIn("not_modeled", doc["run"])

    def test_no_findings_summary_says_paths_were_cut(self):
        rows = [{"routine": "IoCreateSymbolicLink", "site": "src/client.c:40", "inputs": 5, "calls": 5, "answer": "x"}]
        text = summary_md([], self.run_info(rows), [])
        self.assertIn("But paths were cut short", text)
        self.assertIn("| `IoCreateSymbolicLink` | `src/client.c:40` | 5 | 5 | x |", text)
        self.assertNotIn("Not modeled", summary_md([], self.run_info([]), []))


if __name__ == "__main__":
    unittest.main()
