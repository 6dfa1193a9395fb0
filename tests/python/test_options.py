"""The .options reader (configparser) and the engine flags made from it; target discovery."""
import tempfile
import unittest
from pathlib import Path

from wskfuzz import options
from wskfuzz.targets import DEFAULT_TARGETS, all_targets

ROOT = Path(__file__).resolve().parents[2]


class Options(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)
        (self.root / "fuzz").mkdir()

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        (self.root / "fuzz" / name).write_text(text)

    def test_libfuzzer_section_with_comments(self):
        self.write("t.options", "# a comment\n[libfuzzer]\nmax_len = 33  # inline\ndict = t.dict\n[afl]\nx = 1\n")
        self.assertEqual(options.read_options(self.root / "fuzz" / "t.options"), {"max_len": "33", "dict": "t.dict"})
        self.assertEqual(options.libfuzzer_flags(self.root, "t"), ["-max_len=33", "-dict=fuzz/t.dict"])

    def test_absolute_dict_kept(self):
        self.write("t.options", "[libfuzzer]\ndict = /abs/t.dict\n")
        self.assertEqual(options.libfuzzer_flags(self.root, "t"), ["-dict=/abs/t.dict"])

    def test_own_dict_without_options(self):
        self.write("t.dict", '"x"\n')
        self.assertEqual(options.libfuzzer_flags(self.root, "t"), ["-dict=fuzz/t.dict"])
        self.assertEqual(options.afl_flags(self.root, "t"), ["-x", "fuzz/t.dict"])

    def test_afl_gets_max_len_only(self):
        self.write("t.options", "[libfuzzer]\nmax_len = 97\nuse_value_profile = 1\n")
        self.assertEqual(options.afl_flags(self.root, "t"), ["-G", "97"])

    def test_no_file_no_flags(self):
        self.assertEqual(options.libfuzzer_flags(self.root, "none"), [])

    def test_repository_targets_read(self):
        for t in all_targets(ROOT):
            flags = options.libfuzzer_flags(ROOT, t)
            self.assertTrue(any(f.startswith("-max_len=") for f in flags), (t, flags))
            self.assertIn("-dict=fuzz/%s.dict" % t, flags)


class Dictionaries(unittest.TestCase):
    def test_entries_and_escapes(self):
        with tempfile.NamedTemporaryFile("w", suffix=".dict", delete=False) as f:
            f.write('# tokens\n\nflags="\\x01"\n"raw"\nq@2="a\\"b\\\\c"\n')
        try:
            self.assertEqual(options.read_dict(f.name), [("flags", b"\x01"), (None, b"raw"), ("q", b'a"b\\c')])
        finally:
            Path(f.name).unlink()

    def test_bad_line_is_named(self):
        with tempfile.NamedTemporaryFile("w", suffix=".dict", delete=False) as f:
            f.write('ok="x"\nbroken=x\n')
        try:
            with self.assertRaisesRegex(ValueError, "line 2: not a dictionary entry: broken=x"):
                options.read_dict(f.name)
        finally:
            Path(f.name).unlink()

    def test_repository_dictionaries_parse(self):
        for t in all_targets(ROOT):
            self.assertGreater(len(options.read_dict(ROOT / "fuzz" / (t + ".dict"))), 5, t)


class Targets(unittest.TestCase):
    def test_fallback_without_targets_def(self):
        with tempfile.TemporaryDirectory() as d:
            self.assertEqual(all_targets(d), list(DEFAULT_TARGETS))

    def test_targets_def_lines(self):
        with tempfile.TemporaryDirectory() as d:
            (Path(d) / "fuzz").mkdir()
            (Path(d) / "fuzz" / "targets.def").write_text(
                "/* the targets */\nWSKFUZZ_TARGET(fuzz_b, \"x\")\n  // WSKFUZZ_TARGET(fuzz_no)\nWSKFUZZ_TARGET( fuzz_a, 1)\n")
            self.assertEqual(all_targets(d), ["fuzz_b", "fuzz_a"])


if __name__ == "__main__":
    unittest.main()
