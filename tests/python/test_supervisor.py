"""The supervisor stops whole process trees and reads output as it comes."""
import os
import signal
import sys
import tempfile
import time
import unittest
from pathlib import Path

from wskfuzz.supervisor import Supervisor, reap, run

# A process that starts grandchildren (one ignores SIGTERM), writes their pids, then waits.
TREE = r"""
import signal, subprocess, sys, time
kids = [subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) for _ in range(2)]
kids.append(subprocess.Popen([sys.executable, "-c",
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"]))
open(sys.argv[1], "w").write(" ".join(str(k.pid) for k in kids))
print("started", flush=True)
if sys.argv[2] == "leave":  # the leader goes, its children stay: orphans in its group
    sys.exit(0)
time.sleep(60)
"""

# As AFL++ starts a fork server: a grandchild in a session of its own, which ends when its parent
# does (its control pipe closes) and leaves its own child stopped, as a persistent-mode child is.
SERVER = r"""
import os, signal, subprocess, sys
child = subprocess.Popen([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSTOP)"])
open(sys.argv[1], "w").write("%d %d" % (os.getpid(), child.pid))
os.read(int(sys.argv[2]), 1)  # the parent is gone: end, as a fork server does, leaving the child
"""
FORK_SERVER = r"""
import os, subprocess, sys, time
r, w = os.pipe()
subprocess.Popen([sys.executable, "-c", sys.argv[2], sys.argv[1], str(r)], pass_fds=(r,), start_new_session=True)
os.close(r)
time.sleep(60)
"""


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


class StopsTrees(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.pids = Path(self.tmp.name) / "pids"

    def tearDown(self):
        for pid in self.grandchildren():  # never leave one behind, even when the test fails
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.tmp.cleanup()

    def grandchildren(self):
        return [int(p) for p in self.pids.read_text().split()] if self.pids.exists() else []

    def start_tree(self, sup, mode):
        child = sup.spawn([sys.executable, "-c", TREE, str(self.pids), mode])
        deadline = time.monotonic() + 20
        while len(self.grandchildren()) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(len(self.grandchildren()), 3)
        return child

    def test_stop_kills_every_grandchild(self):
        with Supervisor(grace=0.5) as sup:
            child = self.start_tree(sup, "stay")
            self.assertTrue(all(alive(p) for p in self.grandchildren()))
            sup.stop_all()
            self.assertFalse(child.running())
        self.assertEqual([p for p in self.grandchildren() if alive(p)], [])

    def test_orphans_of_a_dead_leader_are_stopped(self):
        with Supervisor(grace=0.5) as sup:
            child = self.start_tree(sup, "leave")
            child.popen.wait(10)
            self.assertTrue(any(alive(p) for p in self.grandchildren()))
        self.assertEqual([p for p in self.grandchildren() if alive(p)], [])

    def test_what_a_fork_server_leaves_is_stopped(self):
        with Supervisor(grace=0) as sup:  # no grace: the parent is killed at once
            sup.spawn([sys.executable, "-c", FORK_SERVER, str(self.pids), SERVER])
            deadline = time.monotonic() + 20
            while len(self.grandchildren()) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertEqual(len(self.grandchildren()), 2)
            time.sleep(0.3)  # the server's child stops itself
        self.assertEqual([p for p in self.grandchildren() if alive(p)], [])

    def test_interrupt_in_the_block_stops_the_tree(self):
        with self.assertRaises(KeyboardInterrupt):
            with Supervisor(grace=0.5) as sup:
                self.start_tree(sup, "stay")
                raise KeyboardInterrupt
        self.assertEqual([p for p in self.grandchildren() if alive(p)], [])


class Output(unittest.TestCase):
    def test_lines_arrive_as_they_come_and_are_logged(self):
        seen = []
        with tempfile.TemporaryDirectory() as d, Supervisor() as sup:
            log = os.path.join(d, "log")
            script = "import time\nfor i in range(3):\n    print('#%d' % i, flush=True)\n    time.sleep(0.3)\ntime.sleep(30)"
            child = sup.spawn([sys.executable, "-c", script], log_path=log, on_line=seen.append)
            deadline = time.monotonic() + 10
            while len(seen) < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertTrue(child.running())  # the lines came before the process ended
            self.assertEqual(seen, ["#0", "#1", "#2"])
            sup.stop_all()
            self.assertEqual(Path(log).read_text(), "#0\n#1\n#2\n")


class Run(unittest.TestCase):
    def test_timeout_kills_the_group(self):
        with tempfile.TemporaryDirectory() as d:
            pids = Path(d) / "pids"
            t0 = time.monotonic()
            rc, text = run([sys.executable, "-c", TREE, str(pids), "stay"], timeout=2)
            self.assertIsNone(rc)
            self.assertTrue(text.endswith("... timeout\n"))
            self.assertLess(time.monotonic() - t0, 15)
            deadline = time.monotonic() + 5
            while any(alive(int(p)) for p in pids.read_text().split()) and time.monotonic() < deadline:
                reap()  # the test process is a subreaper (Supervisor above): the orphans are ours
                time.sleep(0.05)
            self.assertEqual([p for p in pids.read_text().split() if alive(int(p))], [])

    def test_status_and_output(self):
        self.assertEqual(run([sys.executable, "-c", "print('hi'); raise SystemExit(3)"], timeout=20), (3, "hi\n"))


if __name__ == "__main__":
    unittest.main()
