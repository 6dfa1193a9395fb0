"""A client's regression inputs: findings kept with their verdict, replayed on demand.

The folder (beside the client by default: <client dir>/wskfuzz-regressions/) holds
<target>/<ID>-<sha1>.bin, the input, and <target>/<ID>-<sha1>.txt, what it gave when kept
("key: value" lines: id, kind, bucket, client, target, message, added, from). A kept input that
now runs clean is a bug that stays fixed; one that still gives a finding is a regression."""
import datetime
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .records import CrashFile
from .targets import all_targets
from .triage import replay

FOLDER = "wskfuzz-regressions"


def default_dir(client_path):
    """<client dir>/wskfuzz-regressions: a .c file's folder, or the client folder itself."""
    p = Path(client_path).resolve()
    return (p if p.is_dir() else p.parent) / FOLDER


def read_meta(path):
    meta = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        key, sep, value = line.partition(": ")
        if sep:
            meta[key.strip()] = value
    return meta


def write_meta(path, meta):
    tmp = Path(str(path) + ".tmp")
    tmp.write_text("".join("%s: %s\n" % (k, str(v).replace("\n", " ")) for k, v in meta.items()), encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class Kept:
    bin: Path
    target: str
    meta: dict


def kept_inputs(folder, targets=None):
    """The kept inputs under FOLDER (only the targets named, when given), in path order."""
    folder = Path(folder)
    known = set(targets or [])
    found = []
    if not folder.is_dir():
        return found
    for tdir in sorted(d for d in folder.iterdir() if d.is_dir()):
        if known and tdir.name not in known:
            continue
        for b in sorted(tdir.glob("*.bin")):
            txt = b.with_suffix(".txt")
            found.append(Kept(b, tdir.name, read_meta(txt) if txt.is_file() else {}))
    return found


# ---- add ----
class BadFinding(ValueError):
    pass


def finding_input(fdir):
    """The input of a finding folder: the minimized one, else the original."""
    m = fdir / "minimized"
    if m.is_file():
        return m
    originals = sorted(fdir.glob("original-*"))
    return originals[0] if originals else None


def finding_record(root, fdir):
    """The findings.json entry whose reproducer is in FDIR (the report is 4 folders up), or None."""
    report = fdir.parents[3] / "findings.json" if len(fdir.parents) > 3 else None
    if not report or not report.is_file():
        return None
    try:
        doc = json.loads(report.read_text(encoding="utf-8"))
    except ValueError:
        return None
    for f in doc.get("findings", []):
        rep = Path(f.get("reproducer", ""))
        rep = rep if rep.is_absolute() else Path(root) / rep
        if rep.resolve().parent == fdir:
            return f
    return None


def check_finding(root, path):
    """(folder, input, target, client name, findings.json record or None); BadFinding says why not."""
    fdir = Path(path).resolve()
    what = "%s: not a finding folder (out/report/reproducers/<client>/<target>/<ID>/ with minimized, " \
           "scenario.txt, output.txt)" % path
    if not fdir.is_dir():
        raise BadFinding("%s: no such folder" % path if not fdir.exists() else what)
    data = finding_input(fdir)
    if data is None or not (fdir / "output.txt").is_file() or not (fdir / "scenario.txt").is_file():
        raise BadFinding(what)
    target = fdir.parent.name
    if target not in all_targets(root):
        raise BadFinding("%s: '%s' is not a target: keep the folder's <client>/<target>/<ID>/ layout" % (path, target))
    if data.stat().st_size == 0:
        raise BadFinding("%s: the input is empty" % data)
    return fdir, data, target, fdir.parent.parent.name, finding_record(root, fdir)


def add(root, finding_dir, dest_dir, client_sources=None):
    """Keep a finding's input and verdict in DEST_DIR/<target>/; the .bin path and whether it is new."""
    fdir, data, target, client, rec = check_finding(root, finding_dir)
    rec = rec or {}
    blob = data.read_bytes()
    sha1 = hashlib.sha1(blob).hexdigest()
    ident = rec.get("id") or fdir.name
    # The folder name tells sanitizer buckets of one type apart; the ID alone would not.
    stem = "%s-%s" % (fdir.name, sha1)
    dest = Path(dest_dir) / target
    dest.mkdir(parents=True, exist_ok=True)
    binf = dest / (stem + ".bin")
    new = not binf.exists()
    if new:
        tmp = dest / (stem + ".bin.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, binf)
    meta = {"id": ident, "kind": rec.get("kind", "?"), "bucket": rec.get("bucket", "?"), "client": client,
            "target": target, "message": rec.get("message", ""),
            "added": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "from": str(fdir)}
    if new or not binf.with_suffix(".txt").is_file():
        write_meta(binf.with_suffix(".txt"), meta)
    return binf, new, rec


# ---- replay ----
@dataclass
class Outcome:
    kept: Kept
    now: Optional[str]  # the ID it gives now, None when it runs clean


def replay_all(root, out_dir, client, kept, tries=2):
    """Replay each kept input with the client's standalone reproducer and its ASan build (as
    triage does): the Outcomes, in order."""
    results = []
    for k in kept:
        standalone = Path(out_dir) / "standalone" / client.name / k.target
        sanitizer = Path(out_dir) / "libfuzzer" / client.name / k.target
        crash = CrashFile(str(k.bin), client, k.target, str(standalone),
                          str(sanitizer) if os.access(sanitizer, os.X_OK) else None)
        seen = replay(str(root), crash, str(k.bin), tries)
        results.append(Outcome(k, seen.id if seen else None))
    return results


def describe(o):
    was = o.kept.meta.get("id", "?")
    name = "%s/%s" % (o.kept.target, o.kept.bin.name)
    if o.now is None:
        return "%s: runs clean (was %s)" % (name, was)
    if o.now == was:
        return "%s: still fails: %s" % (name, o.now)
    return "%s: still fails: %s (was %s)" % (name, o.now, was)
