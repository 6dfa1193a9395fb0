# t_reports.sh - the main job and its outputs: `fuzz` on a correct client (exit 0, empty report,
# coverage report), on a client with one planted bug (exit 1, one bucket with that ID, valid SARIF,
# a minimized reproducer that replays to the ID); triage of a sanitizer finding (type, frames,
# client line, SARIF rule ID sanitizer/<type>) and of a file that no longer crashes (FLAKY); bad
# input (one line, exit 2); an earlier report surviving failed runs; Ctrl-C (the fuzzers stop, the
# report is still written, no process is left).
# Everything goes to its own output tree; each fuzzing run is bounded (10 s at most).

# A SARIF 2.1.0 file checked against the required structure of the schema, and the catalogue.
# Prints the problem and fails, or prints "ruleId file line" per result.
reports_check_sarif() {
    python3 - "$1" <<'EOF'
import json, subprocess, sys
sys.path.insert(0, "scripts")
from wskfuzz import catalog as catalog_table
doc = json.load(open(sys.argv[1]))
def need(cond, what):
    if not cond:
        sys.exit("SARIF: " + what)
need(doc.get("version") == "2.1.0", "version is not 2.1.0")
need(isinstance(doc.get("$schema"), str) and "sarif" in doc["$schema"], "no $schema")
need(isinstance(doc.get("runs"), list) and len(doc["runs"]) == 1, "runs is not a list of one run")
run = doc["runs"][0]
driver = run.get("tool", {}).get("driver", {})
need(isinstance(driver.get("name"), str) and driver["name"], "runs[].tool.driver.name missing")
rules = driver.get("rules", [])
ids = [r.get("id") for r in rules]
need(all(isinstance(i, str) and i for i in ids), "a rule without id")
need(len(set(ids)) == len(ids), "duplicate rule ids")
for r in rules:
    need(isinstance(r.get("shortDescription", {}).get("text"), str), "rule %s: no shortDescription.text" % r["id"])
    need(isinstance(r.get("help", {}).get("text"), str), "rule %s: no help.text" % r["id"])
catalogue = [row["id"] for row in catalog_table.load()]
need(catalogue and set(catalogue) <= set(ids), "tool.driver.rules lacks catalogue IDs")
need(isinstance(run.get("results"), list), "runs[].results missing")
for res in run["results"]:
    need(isinstance(res.get("ruleId"), str) and res["ruleId"], "result without ruleId")
    need(isinstance(res.get("message", {}).get("text"), str), "result without message.text")
    if "ruleIndex" in res:
        need(0 <= res["ruleIndex"] < len(rules) and rules[res["ruleIndex"]]["id"] == res["ruleId"],
             "ruleIndex does not point at ruleId")
    need(res.get("level", "warning") in ("none", "note", "warning", "error"), "bad level")
    locs = res.get("locations")
    need(isinstance(locs, list) and locs, "result without locations")
    phys = locs[0].get("physicalLocation", {})
    uri = phys.get("artifactLocation", {}).get("uri")
    need(isinstance(uri, str) and uri, "location without artifactLocation.uri")
    line = phys.get("region", {}).get("startLine")
    need(line is None or (isinstance(line, int) and line >= 1), "bad startLine")
    print(res["ruleId"], uri, line)
EOF
}

# reports_sanitizer_sarif SARIF LINE: the SARIF of the one heap-use-after-free in
# tests/fixtures/uaf_attach_client.c is valid, and its result has the rule ID docs/findings-schema.md
# documents, sanitizer/<type>, with a rule of that ID and the client's line. Prints why not.
reports_sanitizer_sarif() {
    local sarif id file line
    sarif=$(reports_check_sarif "$1" 2>&1) || { echo "$sarif"; return 1; }
    read -r id file line <<<"$sarif"
    if [ "$(echo "$sarif" | wc -l)" -ne 1 ] || [ "$id" != sanitizer/heap-use-after-free ] ||
        [ "$file" != tests/fixtures/uaf_attach_client.c ] || [ "$line" != "$2" ]; then
        echo "expected 'sanitizer/heap-use-after-free tests/fixtures/uaf_attach_client.c $2', got: $(echo "$sarif" | head -2)"
        return 1
    fi
    python3 -c 'import json, sys
rules = json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]
sys.exit(0 if any(r["id"] == "sanitizer/heap-use-after-free" for r in rules) else "no rule sanitizer/heap-use-after-free")' "$1"
}

# "kind id client target count minimized reproducer original" per finding of findings.json.
reports_findings() {
    python3 - "$1" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["schema_version"] == 1 and isinstance(doc["findings"], list)
for f in doc["findings"]:
    for key in ("bucket", "kind", "id", "target", "client", "count", "reproducer", "original", "first_seen",
                "location", "reproduce"):
        assert key in f, key
    print(f["kind"], f["id"], f["client"], f["target"], f["count"], f["minimized"], f["reproducer"], f["original"])
EOF
}

# A checksum of everything under the given paths (to see that a failed run changed nothing).
reports_snapshot() {
    find "$@" -type f -print0 2>/dev/null | sort -z | xargs -0 -r sha1sum | sha1sum
}

# reports_one_line NAME PATTERN -- COMMAND...: exit 2 and exactly one line on stderr, matching
# (a usage error may add build.sh's one-line usage reminder).
reports_one_line() {
    local name=$1 pattern=$2 err rc=0
    shift 3
    err=$("$@" 2>&1 >/dev/null) || rc=$?
    err=$(echo "$err" | grep -v '^usage: ./build.sh')
    if [ "$rc" -ne 2 ]; then
        fail "$name" "exit $rc, expected 2: $(echo "$err" | tail -1)"
    elif [ "$(echo "$err" | wc -l)" -ne 1 ] || ! echo "$err" | grep -qE -- "$pattern"; then
        fail "$name" "expected one line matching '$pattern', got: $(echo "$err" | head -3)"
    else
        pass "$name"
    fi
}

t_reports() {
    local tmp=$TEST_TMP/reports out rc log
    mkdir -p "$tmp"
    out=$tmp/out
    local saved_out=${WSKFUZZ_OUT-__unset__}
    export WSKFUZZ_OUT=$out WSKFUZZ_MINIMIZE_TIME=3
    unset WSKFUZZ_HOSTILE

    # ---- a correct client: exit 0, an empty report, a coverage report ----
    log=$tmp/correct.log
    rc=0
    ./build.sh fuzz --time 10 --client src/doc_client.c --target fuzz_attach >"$log" 2>&1 || rc=$?
    if [ $rc -eq 0 ]; then pass reports:correct-client-exit-0; else fail reports:correct-client-exit-0 "exit $rc: $(tail -3 "$log")"; fi
    if [ "$(reports_findings "$out/report/findings.json" 2>&1)" = "" ] && [ -f "$out/report/summary.md" ] &&
        grep -q "No findings" "$out/report/summary.md"; then
        pass reports:correct-client-empty-report
    else
        fail reports:correct-client-empty-report "findings.json / summary.md missing or not empty"
    fi
    if reports_check_sarif "$out/report/findings.sarif" >"$tmp/sarif0" 2>&1 && [ ! -s "$tmp/sarif0" ]; then
        pass reports:correct-client-sarif-valid-and-empty
    else
        fail reports:correct-client-sarif-valid-and-empty "$(head -2 "$tmp/sarif0")"
    fi
    if [ -f "$out/coverage-report/index.html" ] && [ -f "$out/coverage-report/stubs/index.html" ] &&
        python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["data"][0]["totals"]["lines"]["covered"] > 0' \
            "$out/coverage-report/coverage.json" 2>/dev/null &&
        grep -q "doc_client.c" "$out/coverage-report/summary.txt" && grep -q "Branches" "$log"; then
        pass reports:correct-client-coverage-report
    else
        fail reports:correct-client-coverage-report "no HTML, JSON or printed summary in $out/coverage-report"
    fi
    # At least one progress line per 5 s of fuzzing, with every figure.
    if [ "$(grep -cE '^fuzz: \[1/1\] doc_client/fuzz_attach +[0-9]+s/10s  runs [0-9]+  exec/s [0-9]+  cov [0-9]+  corpus [0-9]+  findings [0-9]+  mode (in-process|fork=[0-9]+)$' "$log")" -ge 3 ]; then
        pass reports:progress-lines
    else
        fail reports:progress-lines "$(grep '^fuzz:' "$log" | head -3)"
    fi

    # ---- one planted bug: exit 1, one bucket with its ID, valid SARIF, a minimized reproducer ----
    log=$tmp/planted.log
    rc=0
    ./build.sh fuzz --time 5 --client tests/fixtures/leaky_attach_client.c --target fuzz_attach >"$log" 2>&1 || rc=$?
    if [ $rc -eq 1 ]; then pass reports:planted-bug-exit-1; else fail reports:planted-bug-exit-1 "exit $rc: $(tail -3 "$log")"; fi
    local findings kind id client target count minimized repro original repro_file line
    findings=$(reports_findings "$out/report/findings.json" 2>&1)
    read -r kind id client target count minimized repro original <<<"$findings"
    if [ "$(echo "$findings" | wc -l)" -eq 1 ] && [ "$id" = POOL_LEAK_FAILED_ATTACH ] && [ "$kind" = verdict ] &&
        [ "$client" = leaky_attach_client ] && [ "$target" = fuzz_attach ] && [ "$count" -ge 1 ]; then
        pass reports:planted-bug-one-bucket
    else
        fail reports:planted-bug-one-bucket "findings: $findings"
    fi
    # The client site is the allocation that leaked (a compiler names its first or last line).
    local sarif call_line
    sarif=$(reports_check_sarif "$out/report/findings.sarif" 2>&1)
    call_line=$(grep -n 'ExAllocatePoolWithTag($' tests/fixtures/leaky_attach_client.c | head -1 | cut -d: -f1)
    read -r id repro_file line <<<"$sarif"
    if [ "$(echo "$sarif" | wc -l)" -eq 1 ] && [ "$id" = POOL_LEAK_FAILED_ATTACH ] &&
        [ "$repro_file" = tests/fixtures/leaky_attach_client.c ] &&
        [ "$line" -ge "$call_line" ] 2>/dev/null && [ "$line" -le $((call_line + 6)) ]; then
        pass reports:planted-bug-sarif
    else
        fail reports:planted-bug-sarif "$(echo "$sarif" | head -2)"
    fi
    if [ "$minimized" = True ] && [ -f "$repro" ] && [ -f "$original" ] &&
        [ "$(stat -c %s "$repro")" -le "$(stat -c %s "$original")" ] &&
        "$out/standalone/leaky_attach_client/fuzz_attach" --runs 1 "$repro" 2>&1 |
        grep -q '^WSKFUZZ VIOLATION POOL_LEAK_FAILED_ATTACH:'; then
        pass reports:planted-bug-minimized-reproducer-replays
    else
        fail reports:planted-bug-minimized-reproducer-replays "minimized=$minimized $repro"
    fi
    if grep -q 'attaching-the-wsk-client-to-the-wsk-subsystem' "$out/report/summary.md" &&
        grep -q '^provider0.npi' "$out/report/summary.md" && grep -q 'NmrClientAttachProvider' "$out/report/summary.md" &&
        grep -qF -- "--runs 1 $repro" "$out/report/summary.md"; then
        pass reports:planted-bug-summary
    else
        fail reports:planted-bug-summary "summary.md lacks the doc page, scenario, trace or command"
    fi
    # triage on its own, of the kept crash folder: the same single bucket.
    rc=0
    ./build.sh triage "$out/crashes/leaky_attach_client" >"$tmp/triage.log" 2>&1 || rc=$?
    if [ $rc -eq 1 ] && [ "$(reports_findings "$out/report/findings.json" | awk '{print $2}')" = POOL_LEAK_FAILED_ATTACH ]; then
        pass reports:triage-crash-folder
    else
        fail reports:triage-crash-folder "exit $rc: $(tail -2 "$tmp/triage.log")"
    fi

    # ---- bad input: one line, exit 2; nothing earlier is touched ----
    local before after
    before=$(reports_snapshot "$out/report" "$out/crashes" "$out/corpus")
    : >"$tmp/empty-crash"
    reports_one_line reports:triage-missing-path "no such file or folder" -- ./build.sh triage "$tmp/none/crash-1"
    reports_one_line reports:triage-empty-file "empty crash file" -- \
        ./build.sh triage --client src/doc_client.c --target fuzz_attach "$tmp/empty-crash"
    head -c $((2 << 20)) /dev/zero >"$tmp/huge-crash"
    reports_one_line reports:triage-corrupt-file "corrupt crash file" -- \
        ./build.sh triage --client src/doc_client.c --target fuzz_attach "$tmp/huge-crash"
    printf 'x' >"$tmp/loose-crash"
    reports_one_line reports:triage-unknown-target-of-file "cannot tell which target" -- ./build.sh triage "$tmp/loose-crash"
    reports_one_line reports:fuzz-unknown-target "unknown target 'fuzz_nothing'" -- ./build.sh fuzz --target fuzz_nothing
    reports_one_line reports:fuzz-missing-client "no such file or folder" -- ./build.sh fuzz --client "$tmp/none.c"
    reports_one_line reports:fuzz-unknown-engine "fuzz runs the libfuzzer or afl engine" -- ./build.sh fuzz --engine msan
    printf '#include <wsk.h>\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return oops; }\n' >"$tmp/broken.c"
    rc=0
    ./build.sh fuzz --time 5 --client "$tmp/broken.c" --target fuzz_attach >"$tmp/broken.log" 2>&1 || rc=$?
    if [ $rc -eq 2 ] && [ "$(grep -c '^build.sh:' "$tmp/broken.log")" -eq 1 ] && grep -q "oops" "$tmp/broken.log" &&
        ! grep -q '^fuzz: \[' "$tmp/broken.log"; then
        pass reports:fuzz-client-does-not-compile
    else
        fail reports:fuzz-client-does-not-compile "exit $rc: $(tail -2 "$tmp/broken.log")"
    fi
    after=$(reports_snapshot "$out/report" "$out/crashes" "$out/corpus")
    if [ "$before" = "$after" ] && [ -f "$out/report/findings.json" ]; then
        pass reports:earlier-report-survives-failed-runs
    else
        fail reports:earlier-report-survives-failed-runs "report, crashes or corpus changed"
    fi

    # ---- a sanitizer finding: bucketed by type and frames, located at the client's line ----
    printf '\0' >"$tmp/one-zero-byte"
    rc=0
    ./build.sh triage --client tests/fixtures/uaf_attach_client.c --target fuzz_attach "$tmp/one-zero-byte" \
        >"$tmp/uaf.log" 2>&1 || rc=$?
    local uaf_line
    uaf_line=$(grep -n 'PLANTED BUG' tests/fixtures/uaf_attach_client.c | cut -d: -f1)
    if [ $rc -eq 1 ] && python3 - "$out/report/findings.json" "$((uaf_line + 1))" <<'EOF'
import json, sys
f = json.load(open(sys.argv[1]))["findings"]
assert len(f) == 1, f
f = f[0]
assert f["kind"] == "sanitizer" and f["id"] == "heap-use-after-free", f
assert f["frames"] and f["frames"][0] == "ClientAttachProvider", f["frames"]
assert f["bucket"].startswith("uaf_attach_client/heap-use-after-free@ClientAttachProvider"), f["bucket"]
assert f["location"] == {"file": "tests/fixtures/uaf_attach_client.c", "line": int(sys.argv[2]),
                         "function": "ClientAttachProvider"}, f["location"]
EOF
    then
        pass reports:triage-sanitizer-bucket
    else
        fail reports:triage-sanitizer-bucket "exit $rc: $(tail -2 "$tmp/uaf.log")"
    fi
    local why
    if why=$(reports_sanitizer_sarif "$out/report/findings.sarif" "$((uaf_line + 1))" 2>&1); then
        pass reports:triage-sanitizer-sarif-rule-id
    else
        fail reports:triage-sanitizer-sarif-rule-id "$why"
    fi

    # ---- a crash file that never crashes again is kept, as FLAKY ----
    printf 'x' >"$tmp/harmless"
    rc=0
    ./build.sh triage --client src/doc_client.c --target fuzz_attach "$tmp/harmless" >"$tmp/flaky.log" 2>&1 || rc=$?
    if [ $rc -eq 1 ] && [ "$(reports_findings "$out/report/findings.json" | awk '{print $1, $2, $5}')" = "flaky FLAKY 1" ] &&
        [ "$(reports_check_sarif "$out/report/findings.sarif" 2>&1 | awk '{print $1, $2}')" = "FLAKY src/doc_client.c" ]; then
        pass reports:triage-flaky-kept
    else
        fail reports:triage-flaky-kept "exit $rc: $(tail -2 "$tmp/flaky.log")"
    fi

    # ---- Ctrl-C: the fuzzers stop, what was found is triaged, nothing is left running ----
    log=$tmp/interrupt.log
    rm -f "$tmp/interrupt.rc"
    (
        set -m # job control: the background fuzz gets SIGINT as a terminal's Ctrl-C would give it
        # SIGINT at its default, as in a terminal: a suite started in the background (`... &` in a
        # script) inherits it ignored, and bash cannot trap a signal ignored on entry.
        env --default-signal=INT ./build.sh fuzz --time 60 --client src/doc_client.c --target fuzz_attach >"$log" 2>&1 &
        echo $! >"$tmp/interrupt.pid"
        wait $!
        echo $? >"$tmp/interrupt.rc"
    ) &
    local i
    for i in $(seq 120); do grep -q '^fuzz: \[1/1\]' "$log" 2>/dev/null && break; sleep 0.5; done
    sleep 2
    kill -INT "$(cat "$tmp/interrupt.pid")" 2>/dev/null
    for i in $(seq 120); do [ -s "$tmp/interrupt.rc" ] && break; sleep 0.5; done
    wait
    if [ "$(cat "$tmp/interrupt.rc" 2>/dev/null)" = 130 ] && grep -q '"interrupted": true' "$out/report/findings.json" &&
        ! pgrep -f "$out/" >/dev/null; then
        pass reports:interrupt-stops-and-reports
    else
        fail reports:interrupt-stops-and-reports "rc $(cat "$tmp/interrupt.rc" 2>/dev/null), $(tail -2 "$log")"
    fi

    if [ "$saved_out" = __unset__ ]; then unset WSKFUZZ_OUT; else export WSKFUZZ_OUT=$saved_out; fi
    unset WSKFUZZ_MINIMIZE_TIME
}
