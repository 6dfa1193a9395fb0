"""Builds, through scripts/build_step.sh into scripts/lib.sh (the one place that knows the flavor
flags). A failed build has printed build.sh's one line already: it ends the command with exit 2."""
import os
import subprocess
import sys

from .records import Client


class BuildFailed(SystemExit):
    def __init__(self):
        super().__init__(2)


_shown = set()  # flavors whose flags were printed: lib.sh's build_client shows each once


def _step(ctx, *args, capture=False):
    cmd = ["bash", str(ctx.root / "scripts" / "build_step.sh")] + [str(a) for a in args]
    env = dict(os.environ, WSKFUZZ_PRINTED_FLAVORS=" %s " % " ".join(sorted(_shown)))
    p = subprocess.run(cmd, cwd=ctx.root, stdin=subprocess.DEVNULL, env=env,
                       stdout=subprocess.PIPE if capture else sys.stderr.fileno())
    if p.returncode != 0:
        raise BuildFailed()
    return p.stdout.decode() if capture else None


def client_specs(ctx, paths):
    """The clients of --client paths (all bundled clients without), as lib.sh's client_specs finds them."""
    return [Client.from_spec(line) for line in _step(ctx, "specs", *paths, capture=True).splitlines() if line]


def build(ctx, flavors, client, targets):
    """Build a client in each flavor for the targets (out/<flavor>/<client>/<target>)."""
    _step(ctx, "client", " ".join(flavors), " ".join(targets), client.name, *client.sources)
    _shown.update(flavors)


def build_explore(ctx, flavor, client, targets):
    _step(ctx, "explore", flavor, " ".join(targets), client.name, *client.sources)


def build_bench_switch(ctx, flavor, client):
    _step(ctx, "bench-switch", flavor, client.name, *client.sources)


def build_tools(ctx):
    _step(ctx, "tools")


def require(ctx, *tools):
    _step(ctx, "require", *tools)
