"""Routines the stub kernel does not model, as a run met them: never silent.

Each process of a run (a fuzzing job, an exploration, a coverage replay) appends one line per
routine to the file $WSKFUZZ_NOT_MODELED_LOG names, when it exits (stubs/kernel/not_modeled_log.c):

    WSKFUZZ NOT MODELED SUMMARY <name> inputs=<n> calls=<n> site=<file>:<line>

A command gives each run a fresh file (fresh_log: never one of an earlier run), sums the lines
(Tally) and says what it found on screen and in the report, with what the stub kernel answered
(docs/kernel-routines.md's table, by routine name)."""
import os
import re
from pathlib import Path

SUMMARY = re.compile(r"^WSKFUZZ NOT MODELED SUMMARY (\S+) inputs=(\d+) calls=(\d+) site=(.*?)\s*$", re.M)
ROW = re.compile(r"^\| `(\w+)` \| [^|]* \| declared \| (.*) \|\s*$", re.M)
ENV = "WSKFUZZ_NOT_MODELED_LOG"


def answers(root):
    """{routine: what the stub kernel does} of the routines docs/kernel-routines.md lists as declared."""
    try:
        text = (Path(root) / "docs" / "kernel-routines.md").read_text(encoding="utf-8")
    except OSError:
        return {}
    # "prints `WSKFUZZ NOT MODELED X` once, returns ...": the answer is what follows the print.
    return {m.group(1): re.sub(r"^prints `[^`]*` once, ", "", m.group(2)).replace("\\|", "|")
            for m in ROW.finditer(text)}


def fresh_log(folder, name):
    """A new, empty log file under FOLDER for one run: an earlier run's lines never count again."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / ("%s.not-modeled.log" % name)
    n = 1
    while path.exists():
        n += 1
        path = Path(folder) / ("%s-%d.not-modeled.log" % (name, n))
    path.write_text("")
    return str(path)


class Tally:
    """The routines of a command's runs, summed: inputs and calls add up; the site is the first seen."""

    def __init__(self):
        self.rows = {}

    def add_text(self, text):
        for m in SUMMARY.finditer(text):
            name, inputs, calls, site = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
            row = self.rows.setdefault(name, {"routine": name, "site": site, "inputs": 0, "calls": 0})
            row["inputs"] += inputs
            row["calls"] += calls
            if row["site"] == "?" and site != "?":
                row["site"] = site

    def add_file(self, path):
        try:
            self.add_text(Path(path).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            pass

    def add(self, other):
        for row in other.to_json():
            self.add_text("WSKFUZZ NOT MODELED SUMMARY %s inputs=%d calls=%d site=%s\n" % (
                row["routine"], row["inputs"], row["calls"], row["site"]))

    def to_json(self, root=None):
        """findings.json's not_modeled: most inputs first."""
        said = answers(root) if root else {}
        rows = sorted(self.rows.values(), key=lambda r: (-r["inputs"], r["routine"]))
        return [dict(r, answer=said.get(r["routine"])) for r in rows]

    def __bool__(self):
        return bool(self.rows)


def site_text(row):
    """The site as people read it: the file's name and line."""
    site = row["site"]
    return os.path.basename(site) if site != "?" else "site unknown"


def screen_lines(command, rows):
    """One line per routine, for the screen."""
    return ["%s: NOT MODELED %s at %s: %d input%s, %d call%s; the stub kernel %s" % (
        command, r["routine"], r["site"], r["inputs"], "" if r["inputs"] == 1 else "s", r["calls"],
        "" if r["calls"] == 1 else "s", r["answer"] or "returns a failure") for r in rows]


def cut_short(rows):
    """'2 routines the stub kernel does not model cut paths short: IoCreateDevice (client.c:40, 1234 inputs), ...'"""
    return "%d routine%s the stub kernel does not model cut paths short: %s" % (
        len(rows), "" if len(rows) == 1 else "s",
        ", ".join("%s (%s, %d input%s)" % (r["routine"], site_text(r), r["inputs"], "" if r["inputs"] == 1 else "s")
                  for r in rows))


def markdown(rows):
    """summary.md's section on them."""
    if not rows:
        return []
    lines = ["## Not modeled: paths cut short", "",
             "The client called routines the stub kernel does not model (docs/kernel-routines.md): each call "
             "returned the failure below, so the paths behind it were not explored. Model the routine, or "
             "expect no findings behind these calls.", "",
             "| Routine | Client site | Inputs | Calls | What the stub kernel did |", "|---|---|---|---|---|"]
    for r in rows:
        lines.append("| `%s` | `%s` | %d | %d | %s |" % (r["routine"], r["site"], r["inputs"], r["calls"],
                                                      (r["answer"] or "returns a failure").replace("|", "\\|")))
    return lines + [""]
