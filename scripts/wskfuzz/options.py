"""A target's fuzz/<target>.options (INI, read with configparser) and .dict as engine flags.

Only the [libfuzzer] section is read (OSS-Fuzz's convention): libFuzzer gets every key as
-key=value; AFL++ gets max_len as -G. A dict named there is relative to fuzz/; without one, the
target's own fuzz/<target>.dict is used when it exists."""
import configparser
import re
from pathlib import Path

# A dictionary entry as libFuzzer and AFL++ read it: [name[@level]=]"value", value escapes \\ \" \xNN.
_DICT_ENTRY = re.compile(r'^(?:([A-Za-z0-9_]+)(?:@\d+)?\s*=\s*)?"((?:[^"\\]|\\\\|\\"|\\x[0-9A-Fa-f]{2})*)"$')


def read_options(path):
    """The [libfuzzer] section of an .options file as an ordered dict (empty when absent)."""
    parser = configparser.ConfigParser(inline_comment_prefixes=("#", ";"), interpolation=None)
    parser.optionxform = str  # keys keep their case, as libFuzzer's flags do
    if Path(path).is_file():
        parser.read(path, encoding="utf-8")
    if not parser.has_section("libfuzzer"):
        return {}
    return dict(parser.items("libfuzzer"))


def _dict_path(root, value):
    return value if value.startswith("/") else "fuzz/" + value


def libfuzzer_flags(root, target):
    """libFuzzer's flags for a target, the dictionary included."""
    opts = read_options(Path(root) / "fuzz" / (target + ".options"))
    flags = []
    for key, value in opts.items():
        if key == "dict":
            value = _dict_path(root, value)
        flags.append("-%s=%s" % (key, value))
    if "dict" not in opts and (Path(root) / "fuzz" / (target + ".dict")).is_file():
        flags.append("-dict=fuzz/%s.dict" % target)
    return flags


def afl_flags(root, target):
    """afl-fuzz's flags for a target: -G max_len, -x the target's dictionary."""
    opts = read_options(Path(root) / "fuzz" / (target + ".options"))
    flags = []
    if "max_len" in opts:
        flags += ["-G", opts["max_len"]]
    if (Path(root) / "fuzz" / (target + ".dict")).is_file():
        flags += ["-x", "fuzz/%s.dict" % target]
    return flags


def read_dict(path):
    """The entries of a .dict file as (name or None, bytes), in order. A line that is not an
    entry, a comment or blank raises ValueError naming it: the engines would stop on it."""
    entries = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _DICT_ENTRY.match(line)
        if not m:
            raise ValueError("%s: line %d: not a dictionary entry: %s" % (path, n, line))
        value = re.sub(rb"\\x([0-9A-Fa-f]{2})|\\(.)", lambda e: bytes([int(e.group(1), 16)]) if e.group(1)
                       else e.group(2), m.group(2).encode("utf-8"))
        entries.append((m.group(1), value))
    return entries


def check_dict(root, target):
    """Raise ValueError when the target's dictionary does not parse (no dictionary is fine)."""
    path = Path(root) / "fuzz" / (target + ".dict")
    if path.is_file():
        read_dict(path)
