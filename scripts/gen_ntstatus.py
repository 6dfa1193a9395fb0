#!/usr/bin/env python3
"""Writes stubs/include/ntstatus.h (every NTSTATUS name as a macro) and stubs/core/status_names.def
(the names status_names.c looks values up in) from two machine-readable lists of the facts.

Where the facts come from: the NTSTATUS values are published in [MS-ERREF] section 2.3.1,
"NTSTATUS Values", and in the WDK's ntstatus.h. Two Debian packages carry them as data:
  - librust-winapi-dev: winapi-<v>/src/shared/ntstatus.rs, generated from the Windows SDK (the
    newer list; it wins where the two differ);
  - mingw-w64-common: include/ntstatus.h, taken from [MS-ERREF] (a few names the other lacks).
Only NAME = VALUE pairs are read from them; what is written is laid out our own way (sorted by
value). The build never needs either package: the output is committed. To regenerate:

  apt-get download mingw-w64-common librust-winapi-dev   # in a scratch folder
  for d in *.deb; do dpkg-deb -x "$d" x; done
  python3 scripts/gen_ntstatus.py x/usr/share/cargo/registry/winapi-*/src/shared/ntstatus.rs \\
      x/usr/share/mingw-w64/include/ntstatus.h

Every name the stub headers already define (ntdef.h, wdm.h, ...) must have the same value here,
else the script stops: a mismatch is a bug in ours or in a source, to be settled against [MS-ERREF].
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The two sources disagree on these; Microsoft's metadata (the windows-sys crate's values, which
# come from the SDK) says which is right: the SDK-derived list, in both cases.
SETTLED = {
    "STATUS_GRAPHICS_DRIVER_MISMATCH": 0xC01E0009,
    "STATUS_PKU2U_CERT_FAILURE": 0xC000042F,
}

# The name a trace prints for a value with several names: the ones traces have always printed.
PREFERRED = """STATUS_SUCCESS STATUS_TIMEOUT STATUS_PENDING STATUS_REPARSE STATUS_MORE_ENTRIES
STATUS_ALERTED STATUS_NOT_ALL_ASSIGNED STATUS_OBJECT_NAME_EXISTS STATUS_BUFFER_OVERFLOW
STATUS_NO_MORE_ENTRIES STATUS_UNSUCCESSFUL STATUS_NOT_IMPLEMENTED STATUS_INVALID_HANDLE
STATUS_INVALID_PARAMETER STATUS_NO_MEMORY STATUS_INSUFFICIENT_RESOURCES STATUS_DEVICE_NOT_READY
STATUS_NOT_SUPPORTED STATUS_INTERNAL_ERROR STATUS_CANCELLED STATUS_INVALID_DEVICE_STATE
STATUS_NOT_FOUND STATUS_NOINTERFACE STATUS_ACCESS_DENIED STATUS_BUFFER_TOO_SMALL
STATUS_INVALID_DEVICE_REQUEST STATUS_MORE_PROCESSING_REQUIRED STATUS_CONNECTION_REFUSED
STATUS_CONNECTION_RESET STATUS_CONNECTION_ABORTED STATUS_NETWORK_UNREACHABLE
STATUS_HOST_UNREACHABLE STATUS_IO_TIMEOUT STATUS_ADDRESS_ALREADY_EXISTS STATUS_INVALID_ADDRESS
STATUS_REQUEST_ABORTED STATUS_ACCESS_VIOLATION STATUS_INVALID_INFO_CLASS
STATUS_INFO_LENGTH_MISMATCH STATUS_NO_SUCH_DEVICE STATUS_OBJECT_NAME_NOT_FOUND
STATUS_DELETE_PENDING STATUS_FILE_CLOSED STATUS_FILE_FORCED_CLOSED STATUS_GRACEFUL_DISCONNECT
STATUS_CONNECTION_DISCONNECTED STATUS_ABANDONED""".split()


def read_rust(path):
    text = open(path, encoding="utf-8").read()
    pairs = re.findall(r"pub const (\w+)\s*:\s*NTSTATUS\s*=\s*(0x[0-9A-Fa-f]+|\d+)\s*;", text)
    return [(n, int(v, 0) & 0xFFFFFFFF) for n, v in pairs]


def read_c(path):
    text = open(path, encoding="utf-8").read()
    pairs = re.findall(r"^\s*#\s*define\s+(\w+)\s+(?:\(\(NTSTATUS\)\s*)?(0x[0-9A-Fa-f]+)L?\)?\s*$", text, re.M)
    return [(n, int(v, 0)) for n, v in pairs if n != "_NTSTATUS_"]


def ours():
    """Every STATUS_/DBG_/RPC_NT_ value the hand-written stub headers define."""
    found = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "stubs/include/*.h"))):
        if os.path.basename(path) == "ntstatus.h":
            continue
        for n, v in re.findall(r"#\s*define\s+((?:STATUS|DBG|RPC_NT)_\w+)\s+\(\(NTSTATUS\)(0x[0-9A-Fa-f]+)L?\)",
                               open(path, encoding="utf-8").read()):
            found.setdefault(n, set()).add((int(v, 16), os.path.basename(path)))
    return found


def merge(sdk, erref):
    values, order = {}, []
    for n, v in sdk:
        if n not in values:
            order.append(n)
        values[n] = v
    problems = []
    for n, v in erref:
        if n not in values:
            values[n] = v
            order.append(n)
        elif values[n] != v and SETTLED.get(n) != values[n]:
            problems.append("%s: 0x%08X in one source, 0x%08X in the other" % (n, values[n], v))
    for n, v in SETTLED.items():
        values[n] = v
    for n, found in ours().items():
        vals = {v for v, _ in found}
        where = ", ".join(sorted(f for _, f in found))
        if len(vals) > 1:
            problems.append("%s: two values in our headers (%s)" % (n, where))
        elif n not in values:
            problems.append("%s (%s): in no source; add it there or drop it" % (n, where))
        elif values[n] not in vals:
            problems.append("%s: 0x%08X in %s, 0x%08X in the sources" % (n, vals.pop(), where, values[n]))
    if problems:
        sys.exit("gen_ntstatus: settle these against [MS-ERREF] 2.3.1 first:\n  " + "\n  ".join(problems))
    return values, order


def is_status(name):
    return not name.startswith(("FACILITY_", "FACILTIY_", "STATUS_SEVERITY_"))


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print("gen_ntstatus: wrote %s" % os.path.relpath(path, ROOT))


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    values, order = merge(read_rust(argv[0]), read_c(argv[1]))
    rank = {n: i for i, n in enumerate(PREFERRED)}
    first = {n: i for i, n in enumerate(order)}
    statuses = sorted((n for n in values if is_status(n)),
                      key=lambda n: (values[n], rank.get(n, len(rank)), not n.startswith("STATUS_"), first[n]))
    codes = sorted((n for n in values if not is_status(n)), key=lambda n: (values[n], n))
    width = 0  # one space: the header is read by every compile

    head = ("/* ntstatus.h - every NTSTATUS name, generated by scripts/gen_ntstatus.py from the values of\n"
            " * [MS-ERREF] 2.3.1 \"NTSTATUS Values\" (and the WDK's ntstatus.h); do not edit, regenerate.\n"
            " * Sorted by value. Each is spelled as the WDK spells it, ((NTSTATUS)0x........L), so a driver's\n"
            " * own identical #define of one is no redefinition. ntdef.h includes it: the one list of names. */\n"
            "#ifndef WSKFUZZ_NTSTATUS_H\n#define WSKFUZZ_NTSTATUS_H\n"
            "#ifndef _NTSTATUS_\n#define _NTSTATUS_ /* the WDK's guard, which drivers test */\n#endif\n\n"
            "#include \"ntdef.h\"\n\n/* facility and severity codes (%d) */\n" % len(codes))
    body = "".join("#define %-*s 0x%X\n" % (width, n, values[n]) for n in codes)
    body += "\n/* statuses (%d names) */\n" % len(statuses)
    body += "".join("#define %-*s ((NTSTATUS)0x%08XL)\n" % (width, n, values[n]) for n in statuses)
    write(os.path.join(ROOT, "stubs/include/ntstatus.h"), head + body + "\n#endif\n")

    names = ("/* status_names.def - generated by scripts/gen_ntstatus.py: every NTSTATUS name, sorted by\n"
             " * value (as unsigned); of the names of one value, the one traces print comes first. */\n")
    names += "".join("S(%s)\n" % n for n in statuses)
    write(os.path.join(ROOT, "stubs/core/status_names.def"), names)


if __name__ == "__main__":
    main(sys.argv[1:])
