"""wskfuzz.libfuzzer_modes with a stand-in for a libFuzzer binary (a shell script): a process that
crashes after INITED is restarted for the rest of the share and its runs are added up; one that
crashes on the corpus itself (no INITED) hands the rest of the share back (to fork mode); the
mode is chosen by the share and --jobs; no process is left."""
import os
import stat
import tempfile
import unittest
from pathlib import Path
from types import SimpleNamespace

from wskfuzz import libfuzzer_modes
from wskfuzz.supervisor import Supervisor

FAKE = r"""#!/bin/bash
# A stand-in for libFuzzer: $FAKE_MODE says how each start behaves; starts are counted.
d=$(dirname "$0"); n=$(( $(cat "$d/starts" 2>/dev/null || echo 0) + 1 )); echo $n >"$d/starts"
for a in "$@"; do case "$a" in -artifact_prefix=*) art=${a#-artifact_prefix=} ;; esac; done
if [ "$FAKE_MODE" = seedcrash ]; then echo "==1== ERROR: libFuzzer: deadly signal"; exit 1; fi
echo "#10	INITED cov: 3 ft: 3 corp: 1/1b exec/s: 0 rss: 30Mb"
if [ "$n" = 1 ]; then
    echo "#64	pulse  cov: 4 ft: 4 corp: 2/2b lim: 4 exec/s: 64 rss: 30Mb"
    echo x >"${art}crash-$n"; echo "==1== ERROR: libFuzzer: deadly signal"; exit 1
fi
echo "#128	pulse  cov: 5 ft: 5 corp: 2/2b lim: 4 exec/s: 128 rss: 30Mb"
sleep 1; echo "Done 128 runs in 1 second(s)"; exit 0
"""


class FakeRun:
    def __init__(self, d, sup, jobs=1, secs=5):
        self.ctx = SimpleNamespace(jobs=jobs, root=Path(d), env=lambda **more: dict(os.environ, **more))
        self.not_modeled_log = str(Path(d, "not-modeled.log"))
        self.sup, self.secs, self.limit = sup, secs, secs - 1
        self.client, self.target = SimpleNamespace(name="c"), "no_such_target"
        self.logs, self.staged, self.corpus = Path(d, "logs"), Path(d, "staged"), Path(d, "corpus")
        for p in (self.logs, self.staged, self.corpus):
            p.mkdir()
        self.interrupt = SimpleNamespace(stop=False)
        self.lines = []
        self.fake = Path(d, "fake")
        self.fake.write_text(FAKE)
        self.fake.chmod(self.fake.stat().st_mode | stat.S_IEXEC)

    def binary(self, flavor):
        return str(self.fake)

    def progress(self, elapsed, p, found):
        self.lines.append((elapsed, p.runs, p.eps, found))


class InProcess(unittest.TestCase):
    def play(self, mode, jobs=1):
        os.environ["FAKE_MODE"] = mode
        with tempfile.TemporaryDirectory() as d, Supervisor() as sup:
            run = FakeRun(d, sup, jobs)
            rest = libfuzzer_modes.run_in_process(run, 2, 1)
            starts = int(Path(d, "starts").read_text())
            alive = [c for c in sup.children if c.running()]
            return rest, starts, run, alive, sorted(p.name for p in run.staged.iterdir())

    def test_restarted_after_a_crash(self):
        rest, starts, run, alive, staged = self.play("crash-once")
        self.assertIsNone(rest)
        self.assertEqual(starts, 2)
        self.assertEqual(staged, ["crash-1"])
        self.assertEqual(max(r for _, r, _, _ in run.lines), 64 + 128)  # runs added up across restarts
        self.assertEqual(alive, [])

    def test_crash_on_the_corpus_hands_back_the_rest(self):
        rest, starts, run, alive, _ = self.play("seedcrash")
        self.assertEqual(starts, 1)
        self.assertTrue(rest is not None and rest >= 1)
        self.assertEqual(alive, [])

    def test_choose(self):
        r = lambda jobs, secs: SimpleNamespace(ctx=SimpleNamespace(jobs=jobs), secs=secs)
        self.assertEqual(libfuzzer_modes.choose(r(1, 10)), "in-process")
        self.assertEqual(libfuzzer_modes.choose(r(1, 600)), "fork=1")
        self.assertEqual(libfuzzer_modes.choose(r(2, 10)), "parallel=2")


if __name__ == "__main__":
    unittest.main()
