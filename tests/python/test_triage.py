"""Triage's buckets from the classifier's outcomes: a verdict or a sanitizer report is bucketed by
its ID or type and the top three functions of the client on the stack (a leak verdict: the function
around the line that allocated), located at a client line, never a stub's."""
import unittest
from pathlib import Path

from wskfuzz.records import Client, CrashFile
from wskfuzz.triage import Sources, bucket_of, shell_quote, slug

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


TWO_LEAKS = ("tests/realworld/two_leaks/driver_entry.c", "tests/realworld/two_leaks/greeting.c")


def crash(source):
    return crash_of((source,))


def crash_of(sources):
    return CrashFile("x", Client("m", tuple(sources)), "fuzz_attach", "standalone", "libfuzzer")


class Buckets(unittest.TestCase):
    def test_sanitizer_bucket_uses_our_frames(self):
        text = (FIXTURES / "asan-heap-use-after-free.log").read_text()
        seen = bucket_of(str(ROOT), crash("OUT/mutants/use_after_cleanup.c"), 1, text)
        self.assertEqual(seen.kind, "sanitizer")
        # Client functions only: the stub kernel's io_complete and world_advance are skipped.
        self.assertEqual(seen.key, "heap-use-after-free@AppQueryComplete>AppUnload")
        self.assertEqual(seen.location, {"file": "OUT/mutants/use_after_cleanup.c", "line": 74,
                                         "function": "AppQueryComplete"})

    def test_verdict_bucket_is_its_id_at_the_client_site(self):
        text = (FIXTURES / "verdict-standalone.log").read_text()
        seen = bucket_of(str(ROOT), crash("OUT/mutants/irp_never_freed.c"), 1, text)
        # The mutant's source is not in the repository: no function is known, the ID alone buckets.
        self.assertEqual((seen.kind, seen.key), ("verdict", "IRP_LEAK"))
        self.assertEqual(seen.location, {"file": "OUT/mutants/irp_never_freed.c", "line": 81})

    def test_frames_outside_client_and_stubs_are_left_out(self):
        text = (FIXTURES / "lsan-leak.log").read_text()
        seen = bucket_of(str(ROOT), crash("src/other.c"), 1, text)
        self.assertEqual((seen.key, seen.location), ("memory-leak@", None))
        seen = bucket_of(str(ROOT), crash("tests/python/fixtures/engine_target.c"), 1, text)
        self.assertEqual(seen.key, "memory-leak@LLVMFuzzerTestOneInput")
        self.assertEqual(seen.location, {"file": "tests/python/fixtures/engine_target.c", "line": 29,
                                         "function": "LLVMFuzzerTestOneInput"})

    def test_one_verdict_in_two_functions_is_two_buckets(self):
        two = crash_of(TWO_LEAKS)
        a = bucket_of(str(ROOT), two, -6, (FIXTURES / "verdict-leak-greeting-capture-fails.log").read_text())
        b = bucket_of(str(ROOT), two, -6, (FIXTURES / "verdict-leak-reply-body-fails.log").read_text())
        self.assertEqual((a.key, b.key), ("POOL_LEAK@TlPrepareGreeting", "POOL_LEAK@TlPrepareReply"))
        self.assertEqual(a.location, {"file": "tests/realworld/two_leaks/greeting.c", "line": 25,
                                      "function": "TlPrepareGreeting"})

    def test_a_leak_is_the_allocating_function_even_with_a_client_stack(self):
        # A leak found as the client's DriverEntry returns has DriverEntry on the stack: every
        # leak would share it; the function that allocated tells them apart.
        text = (FIXTURES / "verdict-leak-reply-body-fails.log").read_text() + (
            "==1== ERROR: libFuzzer: deadly signal\n"
            "    #7 0x1 in verdict_fire stubs/core/verdict.c:62:5\n"
            "    #8 0x2 in stub_load_driver stubs/host/driver_host.c:40:5\n"
            "    #9 0x3 in DriverEntry tests/realworld/two_leaks/driver_entry.c:37:11\n")
        self.assertEqual(bucket_of(str(ROOT), crash_of(TWO_LEAKS), -6, text).key, "POOL_LEAK@TlPrepareReply")

    def test_a_bucket_has_no_line_numbers(self):
        # An edit above the leak moves its line, not its bucket.
        text = (FIXTURES / "verdict-leak-reply-body-fails.log").read_text().replace("greeting.c:46", "greeting.c:47")
        self.assertEqual(bucket_of(str(ROOT), crash_of(TWO_LEAKS), -6, text).key, "POOL_LEAK@TlPrepareReply")

    def test_verdict_takes_client_frames_from_the_libfuzzer_stack(self):
        # The double free fires inside ExFreePoolWithTag (a frame without a line: pool_give_back),
        # called by the client's ClientAttachProvider through the stub's attach and NmrRegisterClient.
        text = (FIXTURES / "verdict-libfuzzer.log").read_text()
        seen = bucket_of(str(ROOT), crash("OUT/mutants/double_free_on_failed_attach.c"), -6, text)
        self.assertEqual(seen.key, "POOL_DOUBLE_FREE@ClientAttachProvider")  # the log stops at 60 lines
        self.assertEqual(seen.location["file"], "OUT/mutants/double_free_on_failed_attach.c")

    def test_client_frame_without_a_line_is_the_client_not_a_stub(self):
        text = ("==1==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000000\n"
                "    #0 0x5 in TlPrepareReply tests/realworld/two_leaks/greeting.c\n"
                "    #1 0x6 in stub_load_driver stubs/host/driver_host.c:40:5\n"
                "    #2 0x7 in DriverEntry tests/realworld/two_leaks/driver_entry.c:37:11\n")
        seen = bucket_of(str(ROOT), crash_of(TWO_LEAKS), 1, text)
        self.assertEqual(seen.key, "SEGV@TlPrepareReply>DriverEntry")
        self.assertEqual(seen.location, {"file": "tests/realworld/two_leaks/greeting.c", "line": None,
                                         "function": "TlPrepareReply"})

    def test_sources_outside_the_client_folder_and_headers_beside_them_are_the_client(self):
        # project_flags builds ../project_flags_src/src/*.c (its sources.txt): frames there are its own.
        src = Sources(str(ROOT), crash_of(("tests/realworld/project_flags/driver_entry.c",
                                           "tests/realworld/project_flags_src/src/echo.c")))
        self.assertTrue(src.is_client("tests/realworld/project_flags_src/src/echo.c"))
        self.assertTrue(src.is_client(str(ROOT / "tests/realworld/project_flags_src/src/other.h")))
        self.assertFalse(src.is_client("stubs/kernel/pool.c"))
        self.assertFalse(src.is_client("(/lib/x86_64-linux-gnu/libc.so.6+0x3c04f)"))
        self.assertTrue(src.is_stub(str(ROOT / "stubs/kernel/pool.c")))

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
