"""The verdict catalogue (stubs/core/verdict_catalog.h) as data, and docs/verdicts.md's table made
from it.

    python3 -m wskfuzz.catalog markdown   print the table
    python3 -m wskfuzz.catalog json       print [{"id", "rule", "page"}, ...]
    python3 -m wskfuzz.catalog docs       rewrite docs/verdicts.md's table between the catalogue markers
Reports, SARIF and the documentation all take the catalogue from here, so they cannot drift."""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BEGIN, END = "<!-- catalogue:begin -->", "<!-- catalogue:end -->"
_STRING = r'"(?:[^"\\]|\\.)*"'


def load(path=ROOT / "stubs" / "core" / "verdict_catalog.h"):
    """The X-macro rows X(ID, "rule" "...", "page" "...") of WSKFUZZ_VERDICTS, in order."""
    text = Path(path).read_text(encoding="utf-8")
    text = text.split("#define WSKFUZZ_VERDICTS(X)", 1)[1].split("typedef enum", 1)[0]
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S).replace("\\\n", " ")
    row = re.compile(r"X\(\s*(\w+)\s*,((?:\s*%s)+)\s*,((?:\s*%s)+)\s*\)" % (_STRING, _STRING))

    def join(s):  # C's adjacent string literals, concatenated
        return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', s))
    return [{"id": m.group(1), "rule": join(m.group(2)), "page": join(m.group(3))} for m in row.finditer(text)]


def markdown(rows):
    lines = ["| ID | Rule | Documentation |", "|---|---|---|"]
    lines += ["| `%s` | %s | %s |" % (r["id"], r["rule"], r["page"]) for r in rows]
    return "\n".join(lines) + "\n"


def with_table(text, table):
    """A document's text with the table between the markers replaced."""
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + BEGIN + "\n" + table + END + tail


def main(argv):
    mode = argv[0] if argv else "markdown"
    rows = load()
    if mode == "json":
        print(json.dumps(rows, indent=1))
    elif mode == "markdown":
        sys.stdout.write(markdown(rows))
    elif mode == "docs":
        doc = ROOT / "docs" / "verdicts.md"
        doc.write_text(with_table(doc.read_text(encoding="utf-8"), markdown(rows)), encoding="utf-8")
    else:
        sys.exit("usage: python3 -m wskfuzz.catalog markdown|json|docs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
