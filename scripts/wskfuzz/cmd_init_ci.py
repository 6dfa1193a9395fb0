"""./build.sh init-ci --client PATH --repo DIR [--force]: write into a driver's own repository what
ClusterFuzzLite and GitHub need to fuzz that driver (wskfuzz.ci_templates): .clusterfuzzlite/
(wskfuzz pinned at this checkout's commit) and .github/workflows/wskfuzz_{pr,batch,coverage}.yml.

A file of theirs is never overwritten without --force: one line, exit 2, nothing written. The
clone URL is WSKFUZZ_GIT_URL, else this checkout's origin."""
import os
import re
import subprocess
import sys
from pathlib import Path

from .ci_templates import FILES, render
from .context import Fatal, UsageError

PLACEHOLDER_URL = "https://github.com/OWNER/wskfuzz.git"


def git(root, *args):
    p = subprocess.run(["git", "-C", str(root)] + list(args), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       stdin=subprocess.DEVNULL, text=True)
    return p.stdout.strip() if p.returncode == 0 else ""


def main(ctx):
    if ctx.positional:
        raise UsageError("init-ci takes no file arguments ('%s')" % ctx.positional[0])
    if len(ctx.client_paths) != 1 or not ctx.repo:
        raise UsageError("init-ci needs --client PATH (one client) and --repo DIR (the driver's repository)")
    repo = Path(ctx.repo)
    if not repo.is_dir():
        raise Fatal("--repo %s: no such folder" % ctx.repo)
    top = git(repo, "rev-parse", "--show-toplevel")
    if not top:
        raise Fatal("--repo %s: not a git repository" % ctx.repo)
    client = Path(ctx.client_paths[0])
    if not client.exists():
        raise Fatal("--client %s: no such file or folder" % ctx.client_paths[0])
    rel = os.path.relpath(os.path.realpath(client), os.path.realpath(top))
    if rel.startswith(".."):
        raise Fatal("--client %s is not inside the repository %s" % (ctx.client_paths[0], top))
    commit = git(ctx.root, "rev-parse", "HEAD")
    if not commit:
        raise Fatal("%s: not a git checkout: init-ci pins wskfuzz by its commit" % ctx.root)
    url = os.environ.get("WSKFUZZ_GIT_URL") or git(ctx.root, "config", "--get", "remote.origin.url") or PLACEHOLDER_URL
    name = re.sub(r"[^A-Za-z0-9_.-]", "-", Path(top).name) or "driver"
    holes = dict(URL=url, COMMIT=commit, NAME=name, CLIENT=Path(rel).as_posix())

    # Every file is checked before any is written: a refusal leaves the repository as it was.
    if not ctx.force:
        for path, _, _ in FILES:
            if (Path(top) / path).exists():
                raise Fatal("%s exists: init-ci does not overwrite your files without --force" % (Path(top) / path))
    for path, text, executable in FILES:
        dest = Path(top) / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".tmp")
        tmp.write_text(render(text, **holes), encoding="utf-8")
        if executable:
            tmp.chmod(0o755)
        os.replace(tmp, dest)
        print("init-ci: wrote %s" % dest)
    print("init-ci: wskfuzz pinned at %s (%s)%s" % (commit[:12], url, "" if url != PLACEHOLDER_URL else
          ": no origin here, set WSKFUZZ_URL in .clusterfuzzlite/Dockerfile and the clone in wskfuzz_pr.yml"))
    if git(ctx.root, "status", "--porcelain", "--untracked-files=no"):
        print("init-ci: note: this checkout has uncommitted changes; the pinned commit does not have them",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit("run it as ./build.sh init-ci")
