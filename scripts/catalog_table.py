#!/usr/bin/env python3
"""catalog_table.py - the verdict catalogue (stubs/core/verdict_catalog.h) as data.

    catalog_table.py markdown   print the README's table
    catalog_table.py json       print [{"id", "rule", "page"}, ...]
Reports, SARIF and the README all take the catalogue from here, so they cannot drift."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load(path=os.path.join(HERE, "..", "stubs", "core", "verdict_catalog.h")):
    text = open(path, encoding="utf-8").read()
    text = text.split("#define WSKFUZZ_VERDICTS(X)", 1)[1].split("typedef enum", 1)[0]
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S).replace("\\\n", " ")
    rows = []
    for m in re.finditer(r'X\(\s*(\w+)\s*,((?:\s*"(?:[^"\\]|\\.)*")+)\s*,((?:\s*"(?:[^"\\]|\\.)*")+)\s*\)', text):
        def join(s):
            return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', s))
        rows.append({"id": m.group(1), "rule": join(m.group(2)), "page": join(m.group(3))})
    return rows


def main():
    rows = load()
    mode = sys.argv[1] if len(sys.argv) > 1 else "markdown"
    if mode == "json":
        json.dump(rows, sys.stdout, indent=1)
        print()
    elif mode == "markdown":
        print("| ID | Rule | Documentation |")
        print("|---|---|---|")
        for r in rows:
            print(f"| `{r['id']}` | {r['rule']} | {r['page']} |")
    else:
        sys.exit("usage: catalog_table.py markdown|json")


if __name__ == "__main__":
    main()
