"""Which function of a C source holds a given line: for a verdict whose stack has no client frame
(a leak is found after the client returned), the function around the client line the stub kernel
named ("client site: file:line") is the frame that tells one bug from another.

The source is read, not compiled: comments, strings and preprocessor lines are skipped and braces
counted; a body at brace depth 0 whose head ends in "name(...)" with no "=" is a function."""
import re

IDENT_CALL = re.compile(r"([A-Za-z_]\w*)\s*\(")
SAL = re.compile(r"_[A-Z]")  # _IRQL_requires_max_(...), _Function_class_(...): annotations, not names
KEYWORDS = {"if", "while", "for", "switch", "return", "sizeof", "__declspec", "__attribute__", "_IRQL_requires_",
            "_Use_decl_annotations_"}


def strip(text):
    """The source with comments, strings, characters and preprocessor lines blanked (lines kept)."""
    out, i, n = [], 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c == "#":  # a directive, with its continuation lines
            while i < n and not (text[i] == "\n" and text[i - 1] != "\\"):
                out.append("\n" if text[i] == "\n" else " ")
                i += 1
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (min(j + 1, n) - i))
            i = j + 1
            continue
        if c == "\n":
            at_line_start = True
        elif not c.isspace():
            at_line_start = False
        out.append(c)
        i += 1
    return "".join(out)


def functions(text):
    """[(name, first line, last line)] of the function bodies in a C source."""
    code = strip(text)
    found, depth, head_start, start = [], 0, 0, None
    line = 1
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        elif c == "{":
            if depth == 0:
                head = code[head_start:i]
                calls = [m.group(1) for m in IDENT_CALL.finditer(head)
                         if m.group(1) not in KEYWORDS and not SAL.match(m.group(1))]
                start = (calls[0], line) if calls and "=" not in head and head.rstrip().endswith(")") else None
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
            if depth == 0:
                if start:
                    found.append((start[0], start[1], line))
                start = None
                head_start = i + 1
        elif c == ";" and depth == 0:
            head_start = i + 1
    return found


def function_at(path, line):
    """The name of the function whose body holds LINE of the C source PATH, or None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return None
    return next((name for name, first, last in functions(text) if first <= line <= last), None)
