"""./build.sh regress: a client's regression inputs (wskfuzz.regress).

    regress add FINDING-DIR [--client PATH] [--dir DIR]   keep a finding's input and its verdict
    regress --client PATH [--dir DIR] [--target T]        replay them all

Exit 0: every kept input runs clean (or, for add, it was kept), 1: some still fail, 2: bad input."""
import sys
from pathlib import Path

from . import build, regress
from .context import Fatal, UsageError
from .records import Client


def client_home(ctx, fdir, client, rec):
    """Where the client lives: --client's path; else the client that `fuzz` noted in the report's
    output tree; else the client file the finding points at; else a bundled client."""
    if ctx.client_paths:
        return ctx.client_paths[0]
    out_tree = fdir.parents[4] if len(fdir.parents) > 4 else ctx.out_dir
    for out in (out_tree, ctx.out_dir):
        noted = Path(out) / "crashes" / client / ".client"
        if noted.is_file():
            srcs = Client.from_spec(noted.read_text()).sources
            if srcs and Path(srcs[0]).is_file():
                return srcs[0]
    loc = ((rec or {}).get("location") or {}).get("file") or ""
    if loc.endswith(".c") and not loc.startswith("stubs/"):
        p = Path(loc) if Path(loc).is_absolute() else ctx.root / loc
        if p.is_file() and p.stem == client:
            return str(p)
    if (ctx.root / "src" / (client + ".c")).is_file():
        return str(ctx.root / "src" / (client + ".c"))
    return None


def cmd_add(ctx):
    if len(ctx.positional) != 1:
        raise UsageError("regress add takes one finding folder (out/report/reproducers/<client>/<target>/<ID>/)")
    try:
        fdir, _, _, client, rec = regress.check_finding(ctx.root, ctx.positional[0])  # before anything is written
    except regress.BadFinding as e:
        raise Fatal(str(e))
    if ctx.regress_dir:
        dest = Path(ctx.regress_dir)
    else:
        home = client_home(ctx, fdir, client, rec)
        if home is None:
            raise Fatal("%s: the report does not say where its client is: give --client PATH or --dir DIR"
                        % ctx.positional[0])
        dest = regress.default_dir(home)
    binf, new, rec = regress.add(ctx.root, ctx.positional[0], dest)
    print("regress: %s %s (%s)" % ("kept" if new else "already kept:", binf, rec.get("id") or binf.stem))
    return 0


def replay_line(ctx, client, folder, targets, prefix):
    """Replay a client's kept inputs (built already); print each and a summary; the failing count."""
    kept = regress.kept_inputs(folder, targets)
    if not kept:
        return None
    outcomes = regress.replay_all(ctx.root, ctx.out_dir, client, kept)
    failing = [o for o in outcomes if o.now is not None]
    for o in outcomes:
        print("%s: %s" % (prefix, regress.describe(o)), flush=True)
    return len(kept), failing


def cmd_replay(ctx):
    if ctx.positional:
        raise UsageError("regress takes 'add FINDING-DIR', or --client PATH to replay ('%s')" % ctx.positional[0])
    if len(ctx.client_paths) != 1:
        raise UsageError("regress replays one client's inputs: give --client PATH")
    folder = Path(ctx.regress_dir) if ctx.regress_dir else regress.default_dir(ctx.client_paths[0])
    if ctx.regress_dir and not folder.is_dir():
        raise Fatal("--dir %s: no such folder" % ctx.regress_dir)
    kept = regress.kept_inputs(folder, ctx.targets)
    if not kept:
        print("regress: no kept inputs in %s" % folder)
        return 0
    build.require(ctx, "clang", "python3")
    client = build.client_specs(ctx, ctx.client_paths)[0]
    build.build(ctx, ["libfuzzer", "standalone"], client, sorted({k.target for k in kept}))
    n, failing = replay_line(ctx, client, folder, ctx.targets, "regress")
    print("regress: %d input(s) from %s: %d still fail%s, %d run clean" % (
        n, folder, len(failing), "".join(" " + o.kept.meta.get("id", "?") for o in failing)[:200],
        n - len(failing)))
    return 1 if failing else 0


def before_fuzz(ctx, clients, targets):
    """`fuzz` replays each client's kept inputs first (built already) and says so in one line."""
    for client, path in zip(clients, ctx.client_paths or [None] * len(clients)):
        folder = regress.default_dir(path or client.sources[0])
        kept = regress.kept_inputs(folder, targets)
        if not kept:
            continue
        outcomes = regress.replay_all(ctx.root, ctx.out_dir, client, kept)
        failing = [o for o in outcomes if o.now is not None]
        print("fuzz: regressions of %s: %d replayed from %s: %d still fail%s" % (
            client.name, len(kept), folder, len(failing),
            "".join(" " + o.kept.meta.get("id", "?") for o in failing)[:200]), flush=True)


def main(ctx):
    if ctx.regress_add:
        return cmd_add(ctx)
    return cmd_replay(ctx)


if __name__ == "__main__":
    sys.exit("run it as ./build.sh regress")
