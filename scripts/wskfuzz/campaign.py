"""The campaign's picture: each run's figures over time, and a history across `fuzz` sessions.

During a session each run's progress samples (elapsed, inputs, exec/s, edges, corpus, findings:
the figures of the progress line) go to WORK/campaign/<client>-<target>.jsonl. After the report
is written they join it in $OUT_DIR/report/campaign/ with SVG charts (wskfuzz.svg), a line per
client is appended to $OUT_DIR/history.jsonl (never rewritten), summary.md gets a section showing
the charts, $OUT_DIR/report/index.html links everything with the coverage report, and where
GITHUB_STEP_SUMMARY is set the summary is appended there. Every file is written to a temporary
name and renamed into place."""
import datetime
import html
import json
import os
from pathlib import Path

from .svg import line_chart

FIGURES = ("elapsed", "runs", "eps", "cov", "corpus", "findings")


def sample(elapsed, progress, found):
    return {"elapsed": elapsed, "runs": progress.runs, "eps": progress.eps, "cov": progress.cov,
            "corpus": progress.corpus, "findings": found}


def _write(path, text):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name("." + path.name + ".tmp.%d" % os.getpid())
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def save_run(work, client, target, mode, samples):
    """A run's samples as JSON lines in WORK/campaign/."""
    lines = [json.dumps(dict(s, client=client, target=target, mode=mode)) for s in samples]
    _write(Path(work) / "campaign" / ("%s-%s.jsonl" % (client, target)), "".join(l + "\n" for l in lines))


def read_jsonl(path):
    rows = []
    if Path(path).is_file():
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            try:
                rows.append(json.loads(line))
            except ValueError:
                continue  # a line cut short by a crash of an earlier session
    return rows


def append_history(path, rows):
    """Append to the history: one write of whole lines at the end, never a rewrite."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows))


def client_coverage(cov_json, sources):
    """Lines covered, in percent, of the client's files in coverage-report/coverage.json, or None."""
    try:
        data = json.loads(Path(cov_json).read_text(encoding="utf-8"))["data"][0]["files"]
    except (OSError, ValueError, KeyError, IndexError):
        return None
    want = {os.path.realpath(s) for s in sources}
    count = covered = 0
    for f in data:
        if os.path.realpath(f["filename"]) in want:
            count += f["summary"]["lines"]["count"]
            covered += f["summary"]["lines"]["covered"]
    return round(100.0 * covered / count, 2) if count else None


def findings_per_client(findings_json):
    try:
        doc = json.loads(Path(findings_json).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    counts = {}
    for f in doc.get("findings", []):
        counts[f.get("client")] = counts.get(f.get("client"), 0) + 1
    return counts


def run_charts(rows, name):
    """{file name: svg} for one run's samples: exec/s, coverage and findings over the run."""
    pts = lambda key: [(r["elapsed"], r[key]) for r in rows]
    label = "%s (%s)" % (name, rows[0].get("mode", "?")) if rows else name
    return {
        name + "-execs.svg": line_chart("exec/s: " + label, [("exec/s", pts("eps"))], "seconds", "exec/s"),
        name + "-coverage.svg": line_chart("coverage: " + label, [("edges", pts("cov")), ("corpus", pts("corpus"))],
                                           "seconds", "edges / inputs"),
        name + "-findings.svg": line_chart("findings: " + label, [("crash files", pts("findings"))], "seconds",
                                           "files"),
    }


def history_charts(history):
    """Coverage % and findings per client across sessions (x: the session's number)."""
    by_client = {}
    for n, r in enumerate(history, 1):
        by_client.setdefault(r.get("client", "?"), []).append((n, r))
    cov = [(c, [(n, r["coverage_percent"]) for n, r in rs if r.get("coverage_percent") is not None])
           for c, rs in sorted(by_client.items())]
    fnd = [(c, [(n, r.get("findings", 0)) for n, r in rs]) for c, rs in sorted(by_client.items())]
    span = "sessions %s .. %s" % (history[0].get("date", "?")[:10], history[-1].get("date", "?")[:10]) \
        if history else "sessions"
    return {"history-coverage.svg": line_chart("client line coverage across sessions", cov, span, "% lines"),
            "history-findings.svg": line_chart("findings across sessions", fnd, span, "findings")}


def summary_section(images):
    lines = ["", "## Campaign", "",
             "Each run's figures over time (`campaign/<client>-<target>.jsonl`) and every session so far "
             "(`history.jsonl`); the coverage report: `../coverage-report/index.html`.", ""]
    lines += ["![%s](campaign/%s)" % (i[:-4], i) for i in images]
    return "\n".join(lines) + "\n"


def index_html(images, has_coverage):
    links = ['<li><a href="summary.md">summary.md</a></li>', '<li><a href="findings.json">findings.json</a></li>',
             '<li><a href="findings.sarif">findings.sarif</a></li>']
    if has_coverage:
        links.append('<li><a href="../coverage-report/index.html">coverage report</a></li>')
    imgs = "\n".join('<figure><img src="campaign/%s" alt="%s"></figure>' % (html.escape(i), html.escape(i[:-4]))
                     for i in images)
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>wskfuzz report</title></head><body>\n"
            "<h1>wskfuzz report</h1>\n<ul>\n%s\n</ul>\n<h2>Campaign</h2>\n%s\n</body></html>\n" % (
                "\n".join(links), imgs))


def finish(out_dir, work, clients, engine, budget, now=None):
    """After the report is written: the samples and charts into report/campaign/, a line per client
    appended to history.jsonl, summary.md's section, index.html, GITHUB_STEP_SUMMARY."""
    out_dir = Path(out_dir)
    report = out_dir / "report"
    if not report.is_dir():
        return
    now = now or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    cov_json = out_dir / "coverage-report" / "coverage.json"
    found = findings_per_client(report / "findings.json")
    append_history(out_dir / "history.jsonl", [
        {"date": now, "client": c.name, "coverage_percent": client_coverage(cov_json, c.sources),
         "findings": found.get(c.name, 0), "engine": engine, "time_budget_seconds": budget} for c in clients])

    charts = {}
    for f in sorted((Path(work) / "campaign").glob("*.jsonl")):
        _write(report / "campaign" / f.name, f.read_text(encoding="utf-8"))
        charts.update(run_charts(read_jsonl(f), f.stem))
    charts.update(history_charts(read_jsonl(out_dir / "history.jsonl")))
    for name, svg in charts.items():
        _write(report / "campaign" / name, svg)
    images = sorted(charts)
    summary = report / "summary.md"
    text = summary.read_text(encoding="utf-8") if summary.is_file() else ""
    text += summary_section(images)
    _write(summary, text)
    _write(report / "index.html", index_html(images, (out_dir / "coverage-report" / "index.html").is_file()))
    step = os.environ.get("GITHUB_STEP_SUMMARY")
    if step:
        with open(step, "a", encoding="utf-8") as f:
            f.write(text)
