"""The report writers against their schemas: findings.json as docs/findings-schema.md documents
it, findings.sarif in SARIF 2.1.0's required shape, summary.md naming every finding."""
import json
import re
import tempfile
import unittest
from dataclasses import fields
from pathlib import Path

from wskfuzz import catalog, report
from wskfuzz.records import Finding, RunInfo

ROOT = Path(__file__).resolve().parents[2]


def documented_fields(section):
    """The `field` names of one table of docs/findings-schema.md (from its heading to the next)."""
    text = (ROOT / "docs" / "findings-schema.md").read_text()
    body = text.split(section + "\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", body, re.M)


def finding(**over):
    base = dict(bucket="c/POOL_LEAK", kind="verdict", id="POOL_LEAK", crash_type=None, frames=[], rule="r",
                doc_page="p", doc_url=None, message="WSKFUZZ VIOLATION POOL_LEAK: x", client="c", target="fuzz_attach",
                targets=["fuzz_attach"], count=2, location={"file": "src/c.c", "line": 12}, reproducer="out/r/min",
                minimized=True, minimize_note="n", reproducer_size=3, original="out/r/orig", original_size=9,
                crash_files=["a", "b"], scenario="out/r/scenario.txt", output="out/r/output.txt",
                first_seen="2026-01-01T00:00:00Z", reproduce="out/standalone/c/fuzz_attach --runs 1 out/r/min",
                client_sources=["src/c.c"], scenario_text="target fuzz_attach", trace_text="  #0 x",
                sanitizer_text="")
    base.update(over)
    return Finding(**base)


class Writers(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        run = RunInfo("triage", "./build.sh triage x", clients=["c"], targets=["fuzz_attach"]).to_json()
        run.update(hostile=False, crash_files=3, generated_at="2026-01-01T00:00:00Z", report="out/report")
        self.findings = [finding(), finding(bucket="c/heap-use-after-free@F", kind="sanitizer", id="heap-use-after-free",
                                            crash_type="heap-use-after-free", frames=["F"], location=None)]
        report.write_all(str(self.dir), self.findings, run, str(ROOT))

    def tearDown(self):
        self.tmp.cleanup()

    def test_findings_json_has_the_documented_fields(self):
        doc = json.loads((self.dir / "findings.json").read_text())
        self.assertEqual(sorted(doc), sorted(documented_fields("## Top level")))
        self.assertEqual((doc["schema_version"], doc["tool"]), (1, "wskfuzz"))
        self.assertEqual(sorted(doc["run"]), sorted(documented_fields("## `run`")))
        for f in doc["findings"]:
            self.assertEqual(sorted(f), sorted(documented_fields("## A finding (bucket)")))
        self.assertEqual([f["bucket"] for f in doc["findings"]], [f.bucket for f in self.findings])

    def test_every_documented_finding_field_is_a_record_field(self):
        names = {f.name for f in fields(Finding)}
        self.assertLessEqual(set(documented_fields("## A finding (bucket)")), names)

    def test_sarif_shape(self):
        doc = json.loads((self.dir / "findings.sarif").read_text())
        self.assertEqual(doc["version"], "2.1.0")
        self.assertIn("sarif", doc["$schema"])
        self.assertEqual(len(doc["runs"]), 1)
        run = doc["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        ids = [r["id"] for r in rules]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertLessEqual({r["id"] for r in catalog.load()}, set(ids))
        for r in rules:
            self.assertIsInstance(r["shortDescription"]["text"], str)
            self.assertIsInstance(r["help"]["text"], str)
        self.assertEqual(len(run["results"]), 2)
        for res in run["results"]:
            if "ruleIndex" in res:
                self.assertEqual(rules[res["ruleIndex"]]["id"], res["ruleId"])
            self.assertIn(res.get("level", "warning"), ("none", "note", "warning", "error"))
            self.assertIsInstance(res["message"]["text"], str)
            phys = res["locations"][0]["physicalLocation"]
            self.assertTrue(phys["artifactLocation"]["uri"])
            line = phys.get("region", {}).get("startLine")
            self.assertTrue(line is None or line >= 1)
        first = run["results"][0]["locations"][0]["physicalLocation"]
        self.assertEqual((first["artifactLocation"]["uri"], first["region"]["startLine"]), ("src/c.c", 12))

    def test_summary_names_each_finding(self):
        text = (self.dir / "summary.md").read_text()
        for f in self.findings:
            self.assertIn("`%s`" % f.id, text)
            self.assertIn(f.reproduce, text)


class Catalogue(unittest.TestCase):
    def test_docs_table_is_the_catalogue(self):
        doc = (ROOT / "docs" / "verdicts.md").read_text()
        self.assertEqual(catalog.with_table(doc, catalog.markdown(catalog.load())), doc)

    def test_rows_are_complete(self):
        rows = catalog.load()
        self.assertGreater(len(rows), 40)
        for r in rows:
            self.assertRegex(r["id"], r"^[A-Z0-9_]+$")
            self.assertTrue(r["rule"] and r["page"], r)


if __name__ == "__main__":
    unittest.main()
