"""python3 -m wskfuzz COMMAND [options] -- [FILE...]: build.sh's orchestration commands.

build.sh has checked the options already (and exported OUT_DIR); this only reads them back."""
import argparse
import importlib
import os
import sys
from pathlib import Path

from .context import Context

COMMANDS = ("fuzz", "triage", "merge", "coverage", "explore", "bench", "regress", "init-ci")


def parse(argv):
    ap = argparse.ArgumentParser(prog="python3 -m wskfuzz")
    ap.add_argument("command", choices=COMMANDS)
    ap.add_argument("--engine", default="libfuzzer")
    ap.add_argument("--engine-set", action="store_true")
    ap.add_argument("--client", action="append", default=[])
    ap.add_argument("--target")
    ap.add_argument("--time", type=int)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--corpus")
    ap.add_argument("--depth", type=int, default=1)
    ap.add_argument("--add", action="store_true")
    ap.add_argument("--dir")
    ap.add_argument("--repo")
    ap.add_argument("--force", action="store_true")
    # build.sh passes the files after "--": a file may be named like an option.
    files = argv[argv.index("--") + 1:] if "--" in argv else []
    a = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    root = Path(__file__).resolve().parents[2]
    out_dir = Path(os.environ.get("OUT_DIR") or root / "out")
    return Context(root=root, out_dir=out_dir, command=a.command, engine=a.engine, engine_set=a.engine_set,
                   client_paths=a.client, target_filter=a.target, time=a.time, jobs=a.jobs, corpus=a.corpus,
                   depth=a.depth, positional=files,
                   regress_add=a.add, regress_dir=a.dir, repo=a.repo, force=a.force)


def main(argv):
    ctx = parse(argv)
    os.chdir(ctx.root)
    module = importlib.import_module("wskfuzz.cmd_" + ctx.command.replace("-", "_"))
    try:
        return module.main(ctx)
    except KeyboardInterrupt:  # before a command took the signals over (a build): as bash ends
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
