"""What a fuzzing run keeps: crash files copied into $OUT_DIR/crashes/ without overwriting an
earlier run's (first-seen times survive), each listed once for triage."""
import os
import tempfile
import unittest
from pathlib import Path

from wskfuzz.cmd_fuzz import collect, flavors
from wskfuzz.records import Client


class Collect(unittest.TestCase):
    def test_earlier_files_survive_and_each_is_listed_once(self):
        client = Client("c", ("src/c.c",))
        with tempfile.TemporaryDirectory() as d:
            staged, dest = Path(d, "staged"), Path(d, "crashes", "c", "t")
            staged.mkdir()
            dest.mkdir(parents=True)
            (dest / "crash-a").write_bytes(b"earlier")
            os.utime(dest / "crash-a", (1000, 1000))
            (staged / "crash-a").write_bytes(b"now")
            (staged / "crash-b").write_bytes(b"new")
            (staged / "slow-unit-x").write_bytes(b"slow")
            listed = []
            collect(staged, dest, client, "t", listed)
            collect(staged, dest, client, "t", listed)  # a second pass lists nothing twice
            self.assertEqual((dest / "crash-a").read_bytes(), b"earlier")
            self.assertEqual(os.path.getmtime(dest / "crash-a"), 1000)
            self.assertEqual(sorted(p.name for p in dest.iterdir()), ["crash-a", "crash-b"])
            self.assertEqual([Path(p).name for p, _, _ in listed], ["crash-a", "crash-b"])


class Flavors(unittest.TestCase):
    def flavors(self, engine, jobs):
        return flavors(type("Ctx", (), {"engine": engine, "jobs": jobs})())

    def test_libfuzzer(self):
        self.assertEqual(self.flavors("libfuzzer", 4), ["libfuzzer", "standalone", "coverage"])

    def test_afl_with_a_cmplog_secondary(self):
        self.assertEqual(self.flavors("afl", 1), ["afl", "standalone", "libfuzzer", "coverage"])
        self.assertEqual(self.flavors("afl", 2), ["afl", "afl-cmplog", "standalone", "libfuzzer", "coverage"])


if __name__ == "__main__":
    unittest.main()
