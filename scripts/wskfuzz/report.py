"""The triage report's writers: summary.md (people), findings.json (machines, schema in
docs/findings-schema.md) and findings.sarif (SARIF 2.1.0, code-scanning UIs).

Used by wskfuzz.triage; `python3 -m wskfuzz.report rules` prints the catalogue's SARIF rules.
The rules come from stubs/core/verdict_catalog.h through wskfuzz.catalog."""
import json
import os
import re
import sys

from . import catalog as verdict_catalog
from . import not_modeled

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINDINGS_SCHEMA_VERSION = 1
DOCS = "https://learn.microsoft.com/windows-hardware/drivers/"

# Guide pages named in the catalogue, by title (their addresses follow the documentation's own
# file names; see docs/wsk-nmr-facts.md in the design notes).
GUIDE_PAGES = {
    "Attaching the WSK Client to the WSK Subsystem": "network/attaching-the-wsk-client-to-the-wsk-subsystem",
    "Unregistering and Unloading the WSK Client": "network/unregistering-and-unloading-the-wsk-client",
    "Initializing NMR Data Structures": "network/initializing-nmr-data-structures",
    "Unloading a Client Module": "network/unloading-a-client-module",
    "Registering a Winsock Kernel Application": "network/registering-a-winsock-kernel-application",
    "Unregistering a Winsock Kernel Application": "network/unregistering-a-winsock-kernel-application",
    "Bug Check 0xC2": "debugger/bug-check-0xc2--bad-pool-caller",
}
# Reference pages: the header of a name without one, by its prefix.
HEADER_BY_PREFIX = (("Nmr", "netioddk"), ("NPI_", "netioddk"), ("Wsk", "wsk"), ("WSK_", "wsk"),
                    ("Ex", "wdm"), ("Io", "wdm"), ("POOL_", "wdm"))


def page_url(page):
    """The address of one catalogue page ("NmrClientAttachProvider (netioddk.h)", a guide title,
    possibly followed by ", step 4" or ": subtitle"), or None when it is not one we know."""
    title = re.split(r"[,:]", page, 1)[0].strip()
    if title in GUIDE_PAGES:
        return DOCS + GUIDE_PAGES[title]
    m = re.fullmatch(r"(\w+)(?: \((\w+)\.h\))?", title)
    if not m:
        return None
    name, header = m.group(1), m.group(2)
    if not header:
        header = next((h for p, h in HEADER_BY_PREFIX if name.startswith(p)), None)
        if not header:
            return None
    lower = name.lower()
    if name.endswith("_FN"):
        kind = "nc-%s-%s" % (header, lower)
    elif name == "POOL_TYPE":
        kind = "ne-%s-_%s" % (header, lower)
    elif name.isupper():
        kind = "ns-%s-_%s" % (header, lower)
    else:
        kind = "nf-%s-%s" % (header, lower)
    return DOCS + "ddi/%s/%s" % (header, kind)


def catalogue():
    rows = verdict_catalog.load()
    for r in rows:
        r["pages"] = [p.strip() for p in r["page"].split(";")]
        r["urls"] = [page_url(p) for p in r["pages"]]
    return rows


def pages_markdown(row):
    out = []
    for page, url in zip(row["pages"], row["urls"]):
        out.append("[%s](%s)" % (page, url) if url else page)
    return "; ".join(out)


# ---- SARIF ----
# Findings that are not catalogue verdicts get rules of their own.
EXTRA_RULES = {
    "TIMEOUT": "The scenario did not finish within the per-input time limit (a hang or an endless loop)",
    "FLAKY": "A crash file the engine saved did not reproduce in 10 tries: look at the engine's log",
}


def rule_for_bucket(b):
    if b["kind"] == "sanitizer":
        return "sanitizer/" + b["crash_type"]
    return b["id"]


def sarif_rule(rule_id, text, urls=(), pages=""):
    rule = {
        "id": rule_id,
        "name": "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", rule_id) if w),
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text + (". Documentation: " + pages if pages else "."),
                 "markdown": text + (". Documentation: " + pages if pages else ".")},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["wskfuzz"]},
    }
    url = next((u for u in urls if u), None)
    if url:
        rule["helpUri"] = url
    return rule


def sarif(findings, catalog, root_uri):
    rules = [sarif_rule(r["id"], r["rule"], r["urls"], r["page"]) for r in catalog]
    for r, row in zip(rules, catalog):
        r["help"]["markdown"] = row["rule"] + ". Documentation: " + pages_markdown(row)
    index = {r["id"]: i for i, r in enumerate(rules)}
    for b in findings:
        rid = rule_for_bucket(b)
        if rid in index:
            continue
        if b["kind"] == "sanitizer":
            text = "The sanitizer reported %s in the client or the stub kernel" % b["crash_type"]
        else:
            text = EXTRA_RULES.get(rid, rid)
        index[rid] = len(rules)
        rules.append(sarif_rule(rid, text))
    results = []
    for b in findings:
        rid = rule_for_bucket(b)
        loc = b.get("location") or {}
        path = loc.get("file") or b["client_sources"][0]
        if os.path.isabs(path):  # a client outside the repository
            artifact = {"uri": "file://" + path}
        else:
            artifact = {"uri": path, "uriBaseId": "SRCROOT"}
        physical = {"artifactLocation": artifact}
        if loc.get("line"):
            physical["region"] = {"startLine": loc["line"]}
        text = b["message"] or rid
        results.append({
            "ruleId": rid,
            "ruleIndex": index[rid],
            "level": "warning" if b["kind"] == "flaky" else "error",
            "message": {"text": "%s (%s/%s, %d crash file%s). Reproduce: %s" % (
                text, b["client"], b["target"], b["count"], "" if b["count"] == 1 else "s", b["reproduce"])},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {"wskfuzzBucket/v1": b["bucket"]},
            "properties": {"client": b["client"], "target": b["target"], "count": b["count"],
                           "reproducer": b["reproducer"], "first_seen": b["first_seen"]},
        })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "wskfuzz",
                "informationUri": "https://learn.microsoft.com/windows-hardware/drivers/network/"
                                  "attaching-the-wsk-client-to-the-wsk-subsystem",
                "rules": rules,
            }},
            "originalUriBaseIds": {"SRCROOT": {"uri": root_uri}},
            "results": results,
        }],
    }


# ---- findings.json ----
JSON_FIELDS = ("bucket", "kind", "id", "crash_type", "frames", "rule", "doc_page", "doc_url", "message",
               "client", "target", "targets", "count", "location", "reproducer", "minimized",
               "original", "crash_files", "scenario", "output", "first_seen", "reproduce")


def findings_json(findings, run):
    return {
        "schema_version": FINDINGS_SCHEMA_VERSION,
        "tool": "wskfuzz",
        "run": {k: v for k, v in run.items() if k != "not_modeled"},
        "findings": [{k: b.get(k) for k in JSON_FIELDS} for b in findings],
        "not_modeled": run.get("not_modeled") or [],
    }


# ---- summary.md ----
def fence(text):
    text = text.rstrip("\n")
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return "%s\n%s\n%s\n" % (ticks, text, ticks)


# What was left behind: the client line shown is where it was allocated.
LEAKS = {"POOL_LEAK", "POOL_LEAK_FAILED_ATTACH", "IRP_LEAK", "SOCKET_NOT_CLOSED", "ADDRINFO_NOT_FREED",
         "memory-leak"}


def location_text(b):
    loc = b.get("location")
    if not loc:
        return "unknown"
    return "%s:%s" % (loc["file"], loc["line"]) if loc.get("line") else loc["file"]


def where_words(b):
    """What the client line of a finding is, in words that fit its kind."""
    if b["id"] in LEAKS:
        return "where the client allocated what leaked"
    if b["kind"] == "verdict":
        return "the client's call that broke the rule"
    if b["kind"] == "sanitizer":
        return "the first client frame of the stack"
    return ""


def summary_md(findings, run, catalog):
    by_id = {r["id"]: r for r in catalog}
    lines = ["# wskfuzz report", ""]
    lines.append("Generated %s by `%s`." % (run["generated_at"], run["command_line"]))
    facts = ["clients: %s" % ", ".join(run["clients"]) if run["clients"] else None,
             "targets: %s" % ", ".join(run["targets"]) if run["targets"] else None,
             "engine: %s" % run["engine"] if run.get("engine") else None,
             "fuzzing time: %s s" % run["time_budget_seconds"] if run.get("time_budget_seconds") else None,
             "crash files triaged: %d" % run["crash_files"]]
    lines.append(" · ".join(f for f in facts if f))
    if run.get("interrupted"):
        lines += ["", "**The run was interrupted**: the fuzzers were stopped early; what they had found is below."]
    if run.get("hostile"):
        lines += ["", "Hostile statuses were on (`WSKFUZZ_HOSTILE=1`)."]
    lines.append("")
    cut = not_modeled.markdown(run.get("not_modeled") or [])
    if not findings:
        lines += ["## No findings", "", "No crash file was found or none reproduced anything."
                  + (" But paths were cut short: see below." if cut else ""), ""]
        return "\n".join(lines + cut)
    lines += ["## %d finding%s" % (len(findings), "" if len(findings) == 1 else "s"), "",
              "| # | ID | Client | Target | Crash files | Client source |", "|---|---|---|---|---|---|"]
    for n, b in enumerate(findings, 1):
        lines.append("| %d | `%s` | %s | %s | %d | `%s` |" % (n, b["id"], b["client"], b["target"], b["count"],
                                                            location_text(b)))
    lines.append("")
    for n, b in enumerate(findings, 1):
        lines += ["## %d. `%s` in %s (%s)" % (n, b["id"], b["client"], b["target"]), ""]
        if b["message"]:
            lines += ["> " + b["message"], ""]
        row = by_id.get(b["id"])
        if row:
            lines.append("- **Rule**: " + row["rule"])
            lines.append("- **Documentation**: " + pages_markdown(row))
        elif b["kind"] == "sanitizer":
            lines.append("- **Crash**: %s, top frames in client code (stub code when the client has none): %s" % (
                b["crash_type"], " < ".join("`%s`" % f for f in b["frames"]) or "none"))
        else:
            lines.append("- **What**: " + EXTRA_RULES.get(b["id"], b["id"]))
        loc = b.get("location") or {}
        words = where_words(b)
        lines.append("- **Client source**: `%s`%s%s" % (
            location_text(b), " in `%s`" % loc["function"] if loc.get("function") else "",
            " (%s)" % words if words else ""))
        if b["kind"] == "verdict" and b.get("frames"):
            lines.append("- **Client functions** (the bucket): " + " < ".join("`%s`" % f for f in b["frames"]))
        seen = "%d crash file%s, first seen %s" % (b["count"], "" if b["count"] == 1 else "s", b["first_seen"])
        if len(b["targets"]) > 1:
            seen += ", in targets " + ", ".join(b["targets"])
        lines.append("- **Found**: " + seen)
        if b["minimized"]:
            lines.append("- **Reproducer**: `%s` (%d byte%s, %s; the original is `%s`)" % (
                b["reproducer"], b["reproducer_size"], "" if b["reproducer_size"] == 1 else "s",
                b["minimize_note"], b["original"]))
        else:
            lines.append("- **Reproducer**: `%s` (%d byte%s; %s)" % (
                b["reproducer"], b["reproducer_size"], "" if b["reproducer_size"] == 1 else "s", b["minimize_note"]))
        lines += ["- **Reproduce**:", "", fence(b["reproduce"])]
        if b["scenario_text"]:
            lines += ["### Scenario", "", fence(b["scenario_text"])]
        if b["trace_text"]:
            lines += ["### Trace", "", fence(b["trace_text"])]
        if b["kind"] == "sanitizer" and b.get("sanitizer_text"):
            lines += ["### Sanitizer report", "", fence(b["sanitizer_text"])]
    return "\n".join(lines + cut)


def write_all(directory, findings, run, root):
    """Write the three files into `directory` (a temporary folder: the caller moves it in place).
    findings: Finding records (or their JSON dicts); run: the RunInfo's dict."""
    findings = [f.to_json() if hasattr(f, "to_json") else f for f in findings]
    catalog = catalogue()
    with open(os.path.join(directory, "summary.md"), "w", encoding="utf-8") as f:
        f.write(summary_md(findings, run, catalog))
    with open(os.path.join(directory, "findings.json"), "w", encoding="utf-8") as f:
        json.dump(findings_json(findings, run), f, indent=2)
        f.write("\n")
    root_uri = "file://" + os.path.abspath(root).rstrip("/") + "/"
    with open(os.path.join(directory, "findings.sarif"), "w", encoding="utf-8") as f:
        json.dump(sarif(findings, catalog, root_uri), f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["rules"]:
        json.dump(sarif([], catalogue(), "file:///")["runs"][0]["tool"]["driver"]["rules"], sys.stdout, indent=1)
        print()
    else:
        sys.exit("usage: python3 -m wskfuzz.report rules   (the report itself is written by wskfuzz.triage)")
