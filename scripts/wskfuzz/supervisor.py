"""A supervisor that owns its children.

Every process it starts runs in a session (so a process group) of its own, and is stopped with
its whole group: SIGTERM, a grace period, then SIGKILL. The supervisor is the children's
subreaper (prctl PR_SET_CHILD_SUBREAPER): a grandchild whose parent died is reparented to it
rather than to init, so stop_all() reaps it, and stops the group it led (AFL++'s fork servers
run in sessions of their own), and no zombie or orphan of ours outlives a run. No /proc
scanning: a group is addressed by its leader's pid, which is the group id.

An engine's output (stdout and stderr together) is read as it comes by a thread per process,
which writes it to a log file and hands each line to a callback (see wskfuzz.engines)."""
import ctypes
import os
import signal
import subprocess
import threading
import time

PR_SET_CHILD_SUBREAPER = 36


def become_subreaper():
    """Orphaned descendants become our children (Linux); harmless where unsupported."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def kill_group(pgid, sig):
    try:
        os.killpg(pgid, sig)
        return True
    except (ProcessLookupError, PermissionError):
        return False


def group_alive(pgid):
    return kill_group(pgid, 0)


def reap(popens=()):
    """Collect every ended child: a Popen's through its poll() (so it keeps its status), any other
    (a descendant reparented to us) directly. A zombie would otherwise keep its group alive.

    An orphan that led a group of its own may leave that group behind: AFL++'s fork server, in a
    session of its own, exits when afl-fuzz dies, and its persistent-mode child stays stopped.
    So before an orphan is reaped (its pid cannot be reused until then), its group is killed; a
    pid that led no group names none, so this reaches only what a supervised process left."""
    mine = {p.pid: p for p in popens}
    while True:
        try:
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return
        if info is None:
            return
        if info.si_pid in mine:
            mine.pop(info.si_pid).poll()
            continue
        kill_group(info.si_pid, signal.SIGKILL)
        try:
            os.waitpid(info.si_pid, 0)
        except ChildProcessError:
            pass


class Child:
    """One started process: its Popen, its log, the thread that reads its output."""

    def __init__(self, popen, reader):
        self.popen = popen
        self.reader = reader
        self.pid = popen.pid

    def running(self):
        return self.popen.poll() is None

    def send(self, sig):
        """A signal to the whole group (the leader may be gone while its children are not)."""
        return kill_group(self.pid, sig)


class Supervisor:
    """Starts processes, each in a new session, and stops them with their groups.

    Use as a context manager: leaving it (normally, on an error, on KeyboardInterrupt) stops
    everything that is still running."""

    def __init__(self, grace=3.0):
        self.grace = grace
        self.children = []
        become_subreaper()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop_all()
        return False

    def spawn(self, cmd, log_path=None, on_line=None, env=None, cwd=None):
        """Start cmd; its output goes to log_path (when given) and, line by line, to on_line."""
        popen = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True)
        reader = threading.Thread(target=self._read, args=(popen.stdout, log_path, on_line), daemon=True)
        reader.start()
        child = Child(popen, reader)
        self.children.append(child)
        return child

    @staticmethod
    def _read(pipe, log_path, on_line):
        log = open(log_path, "ab") if log_path else None
        try:
            for raw in pipe:
                if log:
                    log.write(raw)
                    log.flush()
                if on_line:
                    on_line(raw.decode("utf-8", "replace").rstrip("\n"))
        finally:
            pipe.close()
            if log:
                log.close()

    def stop(self, children=None):
        """TERM every child's group, wait up to the grace period, KILL what is left, reap."""
        children = list(self.children if children is None else children)
        for c in children:
            c.send(signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        while time.monotonic() < deadline:
            reap([c.popen for c in self.children])
            if not any(c.running() or group_alive(c.pid) for c in children):
                break
            time.sleep(0.05)
        for c in children:
            c.send(signal.SIGKILL)
        # SIGKILL is delivered at once, but a group is gone only when its members are reaped.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(group_alive(c.pid) for c in children):
            reap([c.popen for c in self.children])
            time.sleep(0.02)
        for c in children:
            c.popen.wait()
            c.reader.join(timeout=5)
            if c in self.children:
                self.children.remove(c)

    def stop_all(self, settle=0.5):
        """Stop every child, then reap (and stop what they left) for a moment: an orphan such as
        a fork server exits only once it sees its parent gone."""
        self.stop()
        deadline = time.monotonic() + settle
        while True:
            reap()
            if time.monotonic() >= deadline:
                return
            time.sleep(0.05)



def run(cmd, timeout, env=None, cwd=None):
    """Run to completion in a group of its own, output captured: (exit status, text). On the
    time-out the group is killed and the status is None; on an interrupt it is killed too."""
    popen = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True)
    try:
        out, _ = popen.communicate(timeout=timeout)
        rc = popen.returncode
    except subprocess.TimeoutExpired:
        kill_group(popen.pid, signal.SIGKILL)
        out, _ = popen.communicate()
        out += b"\n... timeout\n"
        rc = None
    except BaseException:
        kill_group(popen.pid, signal.SIGKILL)
        popen.wait()
        raise
    # A group whose leader ended may still hold children (a libFuzzer job): they go too, and
    # when we are a subreaper (a Supervisor was made) they are ours to reap.
    kill_group(popen.pid, signal.SIGKILL)
    reap()
    return rc, out.decode("utf-8", "replace")
