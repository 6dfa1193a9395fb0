"""A report's findings.sarif with its locations relative to the driver's own repository, as
GitHub code scanning wants them (a relative URI is read from the repository root), so a finding
shows on the driver's line in the pull request.

    python3 -m wskfuzz.sarif_paths IN.sarif OUT.sarif --repo DRIVER-REPO [--client PATH-IN-REPO]

report.py writes a client outside this tool's tree as file:///abs/path and one inside it as a
SRCROOT-relative URI. A location outside the driver repository (the stub kernel: a sanitizer
report's top frame) cannot be shown there: it moves to the client's first file (--client), and
the message keeps where it was."""
import argparse
import json
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

TOOL_ROOT = Path(__file__).resolve().parents[2]


def absolute(artifact, bases):
    """The absolute path an artifactLocation names, or None."""
    uri = artifact.get("uri", "")
    if uri.startswith("file://"):
        return unquote(urlparse(uri).path)
    base = bases.get(artifact.get("uriBaseId", ""), "")
    if base.startswith("file://"):
        return os.path.join(unquote(urlparse(base).path), uri)
    return os.path.join(str(TOOL_ROOT), uri) if not os.path.isabs(uri) else uri


def rebase(doc, repo, client=None):
    """DOC with every result location relative to REPO (in place; returned too)."""
    repo = os.path.realpath(repo)
    for run in doc.get("runs", []):
        bases = {k: v.get("uri", "") for k, v in run.pop("originalUriBaseIds", {}).items()}
        for res in run.get("results", []):
            for loc in res.get("locations", []):
                phys = loc.get("physicalLocation", {})
                art = phys.get("artifactLocation")
                if not art:
                    continue
                path = os.path.realpath(absolute(art, bases))
                rel = os.path.relpath(path, repo)
                if rel.startswith(".."):  # not in the driver's repository: show it on the client
                    where = os.path.relpath(path, str(TOOL_ROOT))
                    line = phys.get("region", {}).get("startLine")
                    msg = res.setdefault("message", {})
                    msg["text"] = msg.get("text", "") + " (at %s%s in wskfuzz)" % (where, ":%d" % line if line else "")
                    rel = client or rel
                    phys.pop("region", None)
                phys["artifactLocation"] = {"uri": Path(rel).as_posix()}
    return doc


def main(argv):
    ap = argparse.ArgumentParser(prog="python3 -m wskfuzz.sarif_paths")
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--repo", required=True)
    ap.add_argument("--client", help="the client's main file, relative to the repository")
    a = ap.parse_args(argv)
    doc = json.loads(Path(a.input).read_text(encoding="utf-8"))
    tmp = Path(a.output + ".tmp")
    tmp.write_text(json.dumps(rebase(doc, a.repo, a.client), indent=2), encoding="utf-8")
    os.replace(tmp, a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
