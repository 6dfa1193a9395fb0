"""The crash classifier on real crash logs (tests/python/fixtures/, written by make_fixtures.sh)."""
import subprocess
import sys
import unittest
from pathlib import Path

from wskfuzz.classify import classify, label

FIXTURES = Path(__file__).parent / "fixtures"


def log(name):
    return (FIXTURES / (name + ".log")).read_text()


class Verdicts(unittest.TestCase):
    def test_libfuzzer_verdict(self):
        o = classify(log("verdict-libfuzzer"), rc=-6)
        self.assertEqual((o.kind, o.id, label(o)), ("verdict", "POOL_DOUBLE_FREE", "POOL_DOUBLE_FREE"))

    def test_standalone_verdict_and_site(self):
        o = classify(log("verdict-standalone"), rc=1)
        self.assertEqual(o.id, "IRP_LEAK")
        self.assertEqual((o.site.file, o.site.line), ("OUT/mutants/irp_never_freed.c", 81))

    def test_clean_run_is_none(self):
        self.assertIsNone(classify("INFO: Running\nDone 100 runs in 0 second(s)\n", 0))
        self.assertEqual(label(None), "NONE")


class Sanitizers(unittest.TestCase):
    def check(self, name, tool, ctype, expect, first_frame):
        o = classify(log(name), rc=1)
        self.assertEqual((o.kind, o.tool, o.crash_type, label(o)), ("sanitizer", tool, ctype, expect))
        self.assertEqual(o.frames[0].function, first_frame)

    def test_heap_use_after_free(self):
        self.check("asan-heap-use-after-free", "AddressSanitizer", "heap-use-after-free",
                   "ASAN:heap-use-after-free", "AppQueryComplete")

    def test_heap_buffer_overflow(self):
        self.check("asan-heap-buffer-overflow", "AddressSanitizer", "heap-buffer-overflow",
                   "ASAN:heap-buffer-overflow", "ClientAttachProvider")

    def test_use_after_poison(self):
        self.check("asan-use-after-poison", "AddressSanitizer", "use-after-poison", "ASAN:use-after-poison",
                   "ClientAttachProvider")

    def test_ubsan_null_pointer(self):
        o = classify(log("ubsan-null-pointer"), rc=1)
        self.assertEqual((o.tool, label(o)), ("UndefinedBehaviorSanitizer", "UBSAN:null-pointer"))
        self.assertTrue(o.crash_type.startswith("ub-member-access-within-null-pointer"), o.crash_type)
        self.assertEqual((o.frames[0].file, o.frames[0].line), ("OUT/mutants/null_characteristics_deref.c", 98))

    def test_ubsan_signed_overflow(self):
        o = classify(log("ubsan-signed-overflow"), rc=1)
        self.assertEqual((o.crash_type, label(o)), ("ub-signed-integer-overflow", "UBSAN:signed-integer"))
        self.assertEqual((o.frames[0].function, o.frames[0].line), ("LLVMFuzzerTestOneInput", 35))

    def test_ubsan_runtime_deadly_signal(self):
        o = classify(log("ubsan-deadly-signal"), rc=1)
        self.assertEqual((o.tool, o.crash_type, label(o)), ("UndefinedBehaviorSanitizer", "SEGV", "UBSAN:SEGV"))

    def test_msan_reports_as_a_warning(self):
        o = classify(log("msan-uninitialized"), rc=1)
        self.assertEqual((o.kind, o.tool, label(o)),
                         ("sanitizer", "MemorySanitizer", "MSAN:use-of-uninitialized-value"))
        self.assertEqual(o.frames[0].line, 39)

    def test_leak(self):
        o = classify(log("lsan-leak"), rc=1)
        self.assertEqual((o.tool, o.crash_type, label(o)), ("LeakSanitizer", "memory-leak", "LSAN:leak"))
        self.assertIn("LLVMFuzzerTestOneInput", [f.function for f in o.frames])


class EngineFindings(unittest.TestCase):
    def test_libfuzzer_timeout(self):
        o = classify(log("libfuzzer-timeout"), rc=1)
        self.assertEqual((o.kind, o.id), ("timeout", "TIMEOUT"))

    def test_supervisor_timeout(self):
        self.assertEqual(classify("some output\n... timeout\n", None).kind, "timeout")

    def test_out_of_memory(self):
        o = classify(log("libfuzzer-oom"), rc=1)
        self.assertEqual((o.kind, o.crash_type), ("sanitizer", "out-of-memory"))

    def test_signal_without_report(self):
        o = classify(log("signal-no-report"), -11)  # the plain build was killed by SIGSEGV
        self.assertEqual((o.kind, o.id), ("crash", "signal-SIGSEGV"))

    def test_exit_status_without_report(self):
        self.assertEqual(classify("", 3).id, "exit-3")


class FirstReportWins(unittest.TestCase):
    def test_the_earlier_report_is_the_finding(self):
        text = log("asan-heap-use-after-free") + "\nWSKFUZZ VIOLATION POOL_LEAK: later\n"
        self.assertEqual(label(classify(text, 1)), "ASAN:heap-use-after-free")
        text = "WSKFUZZ VIOLATION POOL_LEAK: first\n" + log("asan-heap-use-after-free")
        self.assertEqual(label(classify(text, 1)), "POOL_LEAK")


class CommandLine(unittest.TestCase):
    def test_module_prints_the_label(self):
        out = subprocess.run([sys.executable, "-m", "wskfuzz.classify", str(FIXTURES / "lsan-leak.log")],
                             capture_output=True, text=True, check=True).stdout
        self.assertEqual(out, "LSAN:leak\n")


if __name__ == "__main__":
    unittest.main()
