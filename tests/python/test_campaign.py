"""wskfuzz.campaign: the history is appended, never rewritten; the run's samples become charts."""
import json
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from wskfuzz import campaign
from wskfuzz.engines import Progress
from wskfuzz.records import Client


class History(unittest.TestCase):
    def test_append_only(self):
        with tempfile.TemporaryDirectory() as d:
            h = Path(d) / "history.jsonl"
            campaign.append_history(h, [{"date": "1", "client": "a"}])
            first = h.read_bytes()
            campaign.append_history(h, [{"date": "2", "client": "a"}, {"date": "2", "client": "b"}])
            self.assertTrue(h.read_bytes().startswith(first))
            self.assertEqual([r["date"] for r in campaign.read_jsonl(h)], ["1", "2", "2"])

    def test_cut_line_skipped(self):
        with tempfile.TemporaryDirectory() as d:
            h = Path(d) / "history.jsonl"
            h.write_text('{"date": "1"}\n{"date": ')
            self.assertEqual(len(campaign.read_jsonl(h)), 1)


class Finish(unittest.TestCase):
    def test_finish_writes_charts_history_index_and_step_summary(self):
        with tempfile.TemporaryDirectory() as d:
            out, work = Path(d) / "out", Path(d) / "work"
            (out / "report").mkdir(parents=True)
            (out / "report" / "summary.md").write_text("# report\n")
            (out / "report" / "findings.json").write_text(json.dumps({"findings": [{"client": "c"}]}))
            samples = [campaign.sample(t, Progress(runs=t * 10, eps=5 + t, cov=3 * t, corpus=t), 0) for t in (0, 3, 6)]
            campaign.save_run(work, "c", "fuzz_attach", "libfuzzer", samples)
            step = Path(d) / "step.md"
            import os
            os.environ["GITHUB_STEP_SUMMARY"] = str(step)
            try:
                for _ in range(2):
                    campaign.finish(out, work, [Client("c", ("c.c",))], "libfuzzer", 10)
            finally:
                del os.environ["GITHUB_STEP_SUMMARY"]
            hist = campaign.read_jsonl(out / "history.jsonl")
            self.assertEqual([(r["client"], r["findings"]) for r in hist], [("c", 1), ("c", 1)])
            names = {p.name for p in (out / "report" / "campaign").iterdir()}
            self.assertTrue({"c-fuzz_attach.jsonl", "c-fuzz_attach-execs.svg", "c-fuzz_attach-coverage.svg",
                             "c-fuzz_attach-findings.svg", "history-coverage.svg", "history-findings.svg"} <= names)
            svg = ET.parse(out / "report" / "campaign" / "c-fuzz_attach-execs.svg").getroot()
            self.assertEqual(len([c for c in svg.iter("{http://www.w3.org/2000/svg}circle")]), 3)
            self.assertIn("campaign/c-fuzz_attach-execs.svg", (out / "report" / "index.html").read_text())
            self.assertIn("![c-fuzz_attach-execs](campaign/c-fuzz_attach-execs.svg)",
                          (out / "report" / "summary.md").read_text())
            self.assertIn("## Campaign", step.read_text())


if __name__ == "__main__":
    unittest.main()
