#!/usr/bin/env python3
"""check_layers.py - the stub kernel's layers, checked from what was built.

The layers are the folders of stubs/ in the order build.mk's STUB_LAYERS names them (lowest
first), with fuzz/ above them all. A file may use what its own layer or a lower one defines; a
call up goes through a function pointer registered at start. This reads every object's symbol
table (nm) and every source's #include lines, and fails on:
  - a reference from a lower layer to a symbol a higher layer defines (naming both files),
  - an #include of a higher layer's header,
  - any cycle between folders.

usage: check_layers.py [--root DIR] [--graph] OBJ_DIR
  OBJ_DIR  a flavor's object folder (out/standalone/obj): its stubs/<layer>/*.o and fuzz/*.o
  --root   the source tree (default: this checkout)
  --graph  also print the folder-to-folder graph with the symbols behind each edge
Exit 0 when the layers hold, 1 when not, 2 on bad arguments.
"""
import argparse
import os
import re
import subprocess
import sys

DEFINED = set("TDBRCVWGSi")


def layer_order(root):
    """STUB_LAYERS from build.mk as folders, lowest first, then fuzz."""
    with open(os.path.join(root, "build.mk")) as f:
        m = re.search(r"^STUB_LAYERS\s*:=\s*(.+)$", f.read(), re.M)
    if not m:
        sys.exit("check_layers: build.mk names no STUB_LAYERS")
    return ["stubs/" + name for name in m.group(1).split()] + ["fuzz"]


def layer_of(path, layers):
    """The layer folder a path (relative to the tree) belongs to, or None."""
    folder = os.path.dirname(path)
    return folder if folder in layers else None


def objects(obj_dir, layers, root):
    """(source path, object path) for every object of a layer whose source still exists (a
    flavor's folder keeps the objects of removed files)."""
    found = []
    for layer in layers:
        d = os.path.join(obj_dir, layer)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".o") and os.path.exists(os.path.join(root, layer, name[:-2] + ".c")):
                found.append((layer + "/" + name[:-2] + ".c", os.path.join(d, name)))
    return found


def symbols(obj):
    """(defined, undefined) global symbol names of one object."""
    out = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in DEFINED:
            defined.add(parts[2])
    return defined, undefined


def symbol_edges(obj_dir, layers, root):
    """[(from_file, to_file, symbol)] for every reference between two files."""
    objs = objects(obj_dir, layers, root)
    if not objs:
        sys.exit(f"check_layers: no objects of {', '.join(layers)} under {obj_dir}")
    table = {src: symbols(o) for src, o in objs}
    owner = {}
    for src, (defined, _) in table.items():
        for sym in defined:
            owner.setdefault(sym, src)
    edges = []
    for src, (_, undefined) in table.items():
        for sym in sorted(undefined):
            if sym in owner and owner[sym] != src:
                edges.append((src, owner[sym], sym))
    return edges


INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def include_edges(root, layers):
    """[(from_file, to_header, '#include')] for every quoted include of a layer's header."""
    headers = {}
    for layer in layers:
        d = os.path.join(root, layer)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if name.endswith(".h"):
                headers.setdefault(name, layer + "/" + name)
    edges = []
    for layer in layers:
        d = os.path.join(root, layer)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if not name.endswith((".c", ".h")):
                continue
            with open(os.path.join(d, name), errors="replace") as f:
                for inc in INCLUDE.findall(f.read()):
                    target = headers.get(os.path.basename(inc))
                    if target and os.path.dirname(target) != layer:
                        edges.append((layer + "/" + name, target, "#include"))
    return edges


def find_cycle(graph):
    """One cycle of the folder graph as a list of folders, or None."""
    state = {}

    def visit(node, path):
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt, path)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node, [])
            if found:
                return found
    return None


def main(argv):
    ap = argparse.ArgumentParser(description="check the stub kernel's layering")
    ap.add_argument("obj_dir")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--graph", action="store_true")
    args = ap.parse_args(argv)
    layers = layer_order(args.root)
    rank = {layer: i for i, layer in enumerate(layers)}
    edges = symbol_edges(args.obj_dir, layers, args.root) + include_edges(args.root, layers)
    graph, behind = {}, {}
    problems = []
    for src, dst, what in edges:
        a, b = layer_of(src, layers), layer_of(dst, layers)
        if a is None or b is None or a == b:
            continue
        graph.setdefault(a, set()).add(b)
        behind.setdefault((a, b), set()).add(what)
        if rank[b] > rank[a]:
            kind = "includes" if what == "#include" else f"uses {what} from"
            problems.append(f"layers: {src} {kind} {dst}: {a} is below {b} (call up through a hook registered at start)")
    cycle = find_cycle(graph)
    if cycle:
        problems.append("layers: a cycle between folders: " + " -> ".join(cycle))
    if args.graph:
        for (a, b), whats in sorted(behind.items(), key=lambda kv: (rank[kv[0][0]], rank[kv[0][1]])):
            syms = sorted(w for w in whats if w != "#include")
            print(f"{a} -> {b}: {len(syms)} symbols" + (f" ({', '.join(syms[:6])}{', ...' if len(syms) > 6 else ''})" if syms else ""))
    for p in problems:
        print(p)
    if not problems:
        print(f"layers: {' < '.join(layers)}: no upward reference, no cycle ({len(edges)} references read)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
