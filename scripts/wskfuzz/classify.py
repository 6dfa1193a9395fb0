"""The one crash classifier: what a run's log says went wrong.

classify(text, rc) gives an Outcome: a verdict (WSKFUZZ VIOLATION <ID>), a sanitizer report
(AddressSanitizer, LeakSanitizer, MemorySanitizer, UBSan; its error type and stack frames), a
timeout, libFuzzer's out-of-memory, or a crash without a report (a signal or an exit status).
The first report in the log wins: a process stops at its first.
label() names an outcome as the mutants' EXPECT lines do: <VERDICT_ID>, ASAN:<type>,
UBSAN:<type>, LSAN:leak, or NONE.

    python3 -m wskfuzz.classify LOG [RC]   print the label of a log (the tests and bench use it)
    python3 -m wskfuzz.classify --json LOG [RC]   print the whole outcome"""
import json
import re
import signal
import sys
from dataclasses import asdict, dataclass, field
from typing import List, Optional

HEADLINE = re.compile(r"^WSKFUZZ VIOLATION ([A-Z0-9_]+): ?(.*)$", re.M)
SITE = re.compile(r"^client site: (.+?):(\d+)\b", re.M)
# A stack frame: "#3 0x... in FUNC FILE:LINE:COL", or without a line ("in pool_give_back stubs/pool.c"),
# or a module only ("(/lib/libc.so.6+0x3c04f)"): a frame without a line is still a frame of the stack.
FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+(?: in (\S+))?\s*(.*?)\s*$")
FRAME_LINE = re.compile(r"^(.+?):(\d+)(?::\d+)?$")
# MSan reports as "WARNING: MemorySanitizer:" (and stops); ASan's warnings are not errors.
# UBSan's own runtime reports a deadly signal as "ERROR: UndefinedBehaviorSanitizer: SEGV ...".
SAN_ERROR = re.compile(r"(?:ERROR: (?=AddressSanitizer|LeakSanitizer|MemorySanitizer|UndefinedBehaviorSanitizer)"
                       r"|WARNING: (?=MemorySanitizer))(\w+): (.*)$", re.M)
UBSAN = re.compile(r"^(\S+?):(\d+):\d+: runtime error: (.*)$", re.M)
LIBFUZZER = re.compile(r"ERROR: libFuzzer: (timeout|out-of-memory|fuzz target exited|deadly signal)")
TIMED_OUT = re.compile(r" \.\.\. timeout$", re.M)  # what supervisor.run appends on its time-out


@dataclass
class Frame:
    function: str
    file: str
    line: Optional[int]  # None when the debug information has none


@dataclass
class Outcome:
    """kind: verdict | sanitizer | timeout | crash. key buckets it (with the client); id names it."""
    kind: str
    key: str
    id: str
    message: str = ""
    tool: Optional[str] = None      # the sanitizer: AddressSanitizer, UndefinedBehaviorSanitizer, ...
    crash_type: Optional[str] = None
    frames: List[Frame] = field(default_factory=list)  # the report's first stack, all of it
    site: Optional[Frame] = None    # the verdict's "client site:" line
    text: str = ""

    def to_json(self):
        d = asdict(self)
        d.pop("text")
        return d


def sanitizer_type(tool, text):
    """ASan's error type ("heap-use-after-free"), MSan's, or LSan's memory-leak."""
    if tool == "LeakSanitizer":
        return "memory-leak"
    if tool == "MemorySanitizer":
        return text.split()[0] if text.split() else "msan"
    text = re.sub(r"^attempting ", "", text)
    if text.startswith("free on address which was not malloc"):
        return "bad-free"
    return re.split(r"[\s:(]", text, 1)[0] or "asan"


def ubsan_type(text):
    """UBSan's message without its numbers and names: "ub-load-of-misaligned-address-..."."""
    text = re.sub(r"0x[0-9a-fA-F]+|\b\d+\b|'[^']*'", "", text.split(":")[0])
    return "ub-" + "-".join(text.split()[:6])


def first_stack(text, start):
    """The frames of the first stack trace after offset `start`."""
    frames, begun = [], False
    for line in text[start:].splitlines():
        m = FRAME.match(line)
        if m:
            begun = True
            where = FRAME_LINE.match(m.group(2))
            if where:
                frames.append(Frame(m.group(1) or "?", where.group(1), int(where.group(2))))
            else:
                frames.append(Frame(m.group(1) or "?", m.group(2).split(" (BuildId")[0], None))
        elif begun:
            break
    return frames


def _first(*matches):
    found = [m for m in matches if m]
    return min(found, key=lambda m: m.start()) if found else None


def classify(text, rc=0):
    """The outcome of one run (its whole output and exit status; rc None: it timed out), or
    None when it ran clean."""
    verdict, san, ub = HEADLINE.search(text), SAN_ERROR.search(text), UBSAN.search(text)
    first = _first(verdict, san, ub)
    if first is verdict and verdict:
        site = SITE.search(text)
        where = Frame("", site.group(1), int(site.group(2))) if site else None
        # A libFuzzer build prints the abort's stack after the trace: the frames say who called.
        return Outcome("verdict", verdict.group(1), verdict.group(1), verdict.group(0), site=where,
                       frames=first_stack(text, verdict.end()), text=text)
    if first is san and san:
        ctype = sanitizer_type(san.group(1), san.group(2))
        return Outcome("sanitizer", ctype, ctype, "%s: %s" % (san.group(1), san.group(2).strip()),
                       tool=san.group(1), crash_type=ctype, frames=first_stack(text, san.end()), text=text)
    if first is ub and ub:
        ctype = ubsan_type(ub.group(3))
        frames = first_stack(text, ub.end()) or [Frame("?", ub.group(1), int(ub.group(2)))]
        return Outcome("sanitizer", ctype, ctype, "UndefinedBehaviorSanitizer: " + ub.group(3).strip(),
                       tool="UndefinedBehaviorSanitizer", crash_type=ctype, frames=frames, text=text)
    lf = LIBFUZZER.search(text)
    if rc is None or TIMED_OUT.search(text) or (lf and lf.group(1) == "timeout"):
        return Outcome("timeout", "TIMEOUT", "TIMEOUT", "the input ran longer than its time limit", text=text)
    if lf and lf.group(1) == "out-of-memory":
        return Outcome("sanitizer", "out-of-memory", "out-of-memory", "libFuzzer: out-of-memory",
                       tool="libFuzzer", crash_type="out-of-memory", text=text)
    if rc:
        what = ("signal-" + signal.Signals(-rc).name) if rc < 0 else "exit-%d" % rc
        return Outcome("crash", what, what, "the reproducer ended with %s and no report" % what,
                       crash_type=what, text=text)
    return None


def label(outcome):
    """The outcome in the mutants' EXPECT form."""
    if outcome is None:
        return "NONE"
    if outcome.kind == "verdict":
        return outcome.id
    if outcome.tool == "AddressSanitizer":
        # ASan's first word: "SEGV", "heap-use-after-free", "attempting double-free" -> double-free
        words = outcome.message.split(": ", 1)[1].split()
        word = words[1] if words[0] == "attempting" and words[1:2] == ["double-free"] else words[0]
        return "ASAN:" + re.match(r"[A-Za-z-]*", word).group(0)
    if outcome.tool == "LeakSanitizer":
        return "LSAN:leak"
    if outcome.tool == "UndefinedBehaviorSanitizer":
        if not outcome.crash_type.startswith("ub-"):  # a deadly signal: "SEGV"
            return "UBSAN:" + outcome.crash_type
        rest = outcome.message.split(": ", 1)[1]
        if "null pointer" in rest:
            return "UBSAN:null-pointer"
        return "UBSAN:" + "-".join(rest.split()[:2])
    if outcome.tool == "MemorySanitizer":
        return "MSAN:" + outcome.crash_type
    return outcome.kind.upper() if outcome.kind == "timeout" else outcome.id


def main(argv):
    as_json = argv[:1] == ["--json"]
    args = argv[1:] if as_json else argv
    if not 1 <= len(args) <= 2:
        sys.exit("usage: python3 -m wskfuzz.classify [--json] LOG [RC]")
    with open(args[0], encoding="utf-8", errors="replace") as f:
        text = f.read()
    rc = int(args[1]) if len(args) > 1 else 0
    outcome = classify(text, rc)
    if as_json:
        print(json.dumps(outcome.to_json() if outcome else None, indent=1))
    else:
        print(label(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
