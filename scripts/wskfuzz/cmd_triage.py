"""./build.sh triage FILE|DIR...: reproduce, bucket, minimize and decode crash files into
$OUT_DIR/report/ (wskfuzz.triage does the work; this finds out which client and target each file
belongs to and builds the reproducers). Its run_triage is also the end of `fuzz` and `explore`.

A file's target and client come from its path (.../<client>/<target>/FILE, as in $OUT_DIR/crashes/)
or from --target / --client. Named files must be non-empty inputs of at most 1 MiB; a folder is
searched for files (an engine may save an empty crash input there)."""
import os
import signal
import sys
from pathlib import Path

from . import build
from .context import Fatal, UsageError
from .records import Client, CrashFile, RunInfo
from .targets import all_targets
from .triage import triage

MAX_BYTES = 1 << 20


def noted_client(ctx, name):
    """The client `fuzz` or `explore` noted in $OUT_DIR/crashes/NAME/.client, if its sources are still there."""
    noted = ctx.out_dir / "crashes" / name / ".client"
    if noted.is_file():
        client = Client.from_spec(noted.read_text())
        if all(Path(s).is_file() for s in client.sources):
            return client
    return None


def note_client(ctx, client):
    """Remember the client's sources so a later `triage` of its crash files can rebuild it."""
    noted = ctx.out_dir / "crashes" / client.name / ".client"
    noted.parent.mkdir(parents=True, exist_ok=True)
    if not noted.is_file() or noted.read_text().strip() != client.spec():
        noted.write_text(client.spec() + "\n")


class Resolver:
    """Which client a crash file is for: --client wins, then what was noted, then src/NAME.c."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.given = build.client_specs(ctx, ctx.client_paths) if ctx.client_paths else []

    def client(self, name):
        if len(self.given) == 1:
            return self.given[0]
        if self.given:
            return next((c for c in self.given if c.name == name), None)
        found = noted_client(self.ctx, name)
        if found:
            return found
        if Path("src", name + ".c").is_file():
            return Client(name, ("src/%s.c" % name,))
        return None


def path_names(ctx, path):
    """(target, client) from the path: the nearest folder named like a target, and the one above it."""
    targets = all_targets(ctx.root)
    d = Path(os.path.abspath(path)).parent
    while d != d.parent:
        if d.name in targets:
            return d.name, d.parent.name
        d = d.parent
    return "", ""


def crash_file(ctx, resolver, path):
    target, client_name = path_names(ctx, path)
    target = ctx.target_filter or target
    if not target:
        raise Fatal("%s: cannot tell which target it is for: keep it under <client>/<target>/ or give --target" % path)
    if not client_name and len(ctx.client_paths) != 1:
        raise Fatal("%s: cannot tell which client it is for: keep it under <client>/<target>/ or give --client" % path)
    client = resolver.client(client_name)
    if client is None:
        raise Fatal("%s: client '%s' is not bundled and was not fuzzed here: give its source with --client PATH"
                    % (path, client_name))
    return client, target


def files_under(folder):
    """The files of a folder tree, hidden files and folders left out, in path order."""
    found = []
    for d, subdirs, files in os.walk(folder):
        subdirs[:] = [s for s in subdirs if not s.startswith(".")]
        found += [os.path.join(d, f) for f in files if not f.startswith(".")]
    return sorted(found)


def collect(ctx, paths):
    """(path, client, target) for every crash file named, checked before anything is built."""
    resolver = Resolver(ctx)
    listed = []
    for p in paths:
        if os.path.isdir(p):
            listed += [(f,) + crash_file(ctx, resolver, f) for f in files_under(p)]
        elif os.path.isfile(p):
            if not os.access(p, os.R_OK):
                raise Fatal("%s: cannot read the crash file" % p)
            size = os.path.getsize(p)
            if size == 0:
                raise Fatal("%s: empty crash file: there is nothing to replay" % p)
            if size > MAX_BYTES:
                raise Fatal("%s: corrupt crash file: %d bytes, more than the %d an input can have" % (p, size, MAX_BYTES))
            listed.append((p,) + crash_file(ctx, resolver, p))
        elif os.path.exists(p):
            raise Fatal("%s: not a crash file or a folder" % p)
        else:
            raise Fatal("%s: no such file or folder" % p)
    return listed


def prepare(ctx, listed, built=False):
    """Build each client's reproducers (standalone, and libFuzzer for sanitizer reports and
    minimization) for the targets its files need; the CrashFile records."""
    if not built:
        clients = {}
        for _, client, target in listed:
            clients.setdefault(client.name, (client, set()))[1].add(target)
        for client, targets in clients.values():
            build.build(ctx, ["libfuzzer", "standalone"], client, sorted(targets))
    build.build_tools(ctx)
    crashes = []
    for path, client, target in listed:
        sanitizer = ctx.out_dir / "libfuzzer" / client.name / target
        crashes.append(CrashFile(path, client, target, str(ctx.out_dir / "standalone" / client.name / target),
                                 str(sanitizer) if os.access(sanitizer, os.X_OK) else None))
    return crashes


def on_term(signum, frame):
    raise KeyboardInterrupt


def run_triage(ctx, listed, run_info, built=False, own_not_modeled=False):
    """Triage and report; 0 no finding, 1 findings, 130 interrupted. own_not_modeled: triage alone
    counts the routines not modeled its replays meet (fuzz and explore pass theirs in run_info)."""
    signal.signal(signal.SIGTERM, on_term)
    crashes = prepare(ctx, listed, built)
    try:
        return triage(ctx.root, ctx.out_dir, crashes, run_info,
                      minimize_time=int(os.environ.get("WSKFUZZ_MINIMIZE_TIME", "10")),
                      own_not_modeled=own_not_modeled)
    except (OSError, ValueError) as e:
        raise Fatal("triage failed (%s); the earlier report is unchanged" % e)


def main(ctx):
    if not ctx.positional:
        raise UsageError("triage takes crash files or folders of them")
    build.require(ctx, "python3", "clang")
    listed = collect(ctx, ctx.positional)
    run_info = RunInfo("triage", "./build.sh triage " + " ".join(ctx.positional),
                       clients=sorted({c.name for _, c, _ in listed}), targets=sorted({t for _, _, t in listed}))
    return run_triage(ctx, listed, run_info, own_not_modeled=True)


if __name__ == "__main__":
    sys.exit("run it as ./build.sh triage")
