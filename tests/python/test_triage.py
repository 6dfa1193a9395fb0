"""Triage's buckets from the classifier's outcomes: a sanitizer report is bucketed by its type
and the top three frames in client or stub code, located at the first client frame."""
import unittest
from pathlib import Path

from wskfuzz.records import Client, CrashFile
from wskfuzz.triage import bucket_of, shell_quote, slug

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def crash(source):
    return CrashFile("x", Client("m", (source,)), "fuzz_attach", "standalone", "libfuzzer")


class Buckets(unittest.TestCase):
    def test_sanitizer_bucket_uses_our_frames(self):
        text = (FIXTURES / "asan-heap-use-after-free.log").read_text()
        seen = bucket_of(str(ROOT), crash("OUT/mutants/use_after_cleanup.c"), 1, text)
        self.assertEqual(seen.kind, "sanitizer")
        self.assertEqual(seen.key, "heap-use-after-free@AppQueryComplete>io_complete>stub_complete_irp")
        self.assertEqual(seen.location, {"file": "OUT/mutants/use_after_cleanup.c", "line": 74})

    def test_verdict_bucket_is_its_id_at_the_client_site(self):
        text = (FIXTURES / "verdict-standalone.log").read_text()
        seen = bucket_of(str(ROOT), crash("OUT/mutants/irp_never_freed.c"), 1, text)
        self.assertEqual((seen.kind, seen.key), ("verdict", "IRP_LEAK"))
        self.assertEqual(seen.location, {"file": "OUT/mutants/irp_never_freed.c", "line": 81})

    def test_frames_outside_client_and_stubs_are_left_out(self):
        text = (FIXTURES / "lsan-leak.log").read_text()
        seen = bucket_of(str(ROOT), crash("src/other.c"), 1, text)
        self.assertEqual((seen.key, seen.location), ("memory-leak@", None))
        seen = bucket_of(str(ROOT), crash("tests/python/fixtures/engine_target.c"), 1, text)
        self.assertEqual(seen.key, "memory-leak@LLVMFuzzerTestOneInput")
        self.assertEqual(seen.location, {"file": "tests/python/fixtures/engine_target.c", "line": 29})

    def test_out_of_memory_has_an_empty_frame_list(self):
        seen = bucket_of(str(ROOT), crash("src/c.c"), 1, (FIXTURES / "libfuzzer-oom.log").read_text())
        self.assertEqual(seen.key, "out-of-memory@")

    def test_clean_run_has_no_bucket(self):
        self.assertIsNone(bucket_of(str(ROOT), crash("src/c.c"), 0, "Done\n"))


class Names(unittest.TestCase):
    def test_slug_and_quote(self):
        self.assertEqual(slug("heap use/after free"), "heap-use-after-free")
        self.assertEqual(shell_quote("a b"), "'a b'")
        self.assertEqual(shell_quote("out/x-1"), "out/x-1")


if __name__ == "__main__":
    unittest.main()
