# t_notmodeled.sh - missing means loud, on the commands' side: a client calling a routine the stub
# kernel does not model (tests/realworld/ndis_wfp: FwpmEngineOpen0) is told so by each command.
#   notmodeled:fuzz-last-line     `fuzz` without findings ends "fuzz: no findings, but 1 routine the
#                                 stub kernel does not model cut paths short: FwpmEngineOpen0 (callout.c:N, K inputs)"
#   notmodeled:fuzz-report        findings.json's not_modeled names it with its site, counts and the
#                                 stub's answer (docs/kernel-routines.md); summary.md has the section
#   notmodeled:fresh-log          a WSKFUZZ_NOT_MODELED_LOG of the caller (lines of an earlier run) is
#                                 not summed: each run writes a fresh file of its own
#   notmodeled:explore-report     `explore` that finds nothing still writes its report, with it
#   notmodeled:coverage           `coverage` prints it and writes coverage-report/not-modeled.txt
#   notmodeled:afl                `fuzz --engine afl` says it too (from its corpus, replayed)
#   notmodeled:triage             `triage` on its own counts what its replays meet, even when the
#                                 input ends in a verdict (an abort): routine, client line, inputs

notmodeled_json() {
    python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = {r["routine"]: r for r in d["not_modeled"]}
r = rows.get("FwpmEngineOpen0")
assert r, "not_modeled: %s" % d["not_modeled"]
assert "BogusRoutine" not in rows, "a line of an earlier run was summed"
assert r["site"].startswith("tests/realworld/ndis_wfp/callout.c:") and r["inputs"] >= 1 and r["calls"] >= r["inputs"], r
assert r["answer"] and "STATUS_NOT_IMPLEMENTED" in r["answer"], r
assert "not_modeled" not in d["run"], "not_modeled belongs at the top level"
PY
}

t_notmodeled() {
    local tmp=$TEST_TMP/notmodeled rc log
    mkdir -p "$tmp"
    local saved_out=${WSKFUZZ_OUT-__unset__}
    export WSKFUZZ_OUT=$tmp/out
    # The caller's own log file, holding a line no run of this test writes.
    echo "WSKFUZZ NOT MODELED SUMMARY BogusRoutine inputs=7 calls=7 site=x.c:1" >"$tmp/stale.log"

    log=$tmp/fuzz.log
    rc=0
    WSKFUZZ_NOT_MODELED_LOG=$tmp/stale.log ./build.sh fuzz --time 4 --client tests/realworld/ndis_wfp \
        --target fuzz_wskreg >"$log" 2>&1 || rc=$?
    if [ $rc -eq 0 ] && tail -1 "$log" | grep -qE '^fuzz: no findings, but 1 routine the stub kernel does not model cut paths short: FwpmEngineOpen0 \(callout\.c:[0-9]+, [0-9]+ inputs?\) — see .*summary\.md$'; then
        pass notmodeled:fuzz-last-line
    else
        fail notmodeled:fuzz-last-line "exit $rc: $(tail -1 "$log")"
    fi
    local why
    if why=$(notmodeled_json "$WSKFUZZ_OUT/report/findings.json" 2>&1) &&
        grep -q '^## Not modeled: paths cut short' "$WSKFUZZ_OUT/report/summary.md" &&
        grep -q '^| `FwpmEngineOpen0` |' "$WSKFUZZ_OUT/report/summary.md"; then
        pass notmodeled:fuzz-report
    else
        fail notmodeled:fuzz-report "${why:-summary.md has no Not modeled section}"
    fi
    if grep -q BogusRoutine "$log" "$WSKFUZZ_OUT/report/summary.md" ||
        [ "$(cat "$tmp/stale.log")" != "WSKFUZZ NOT MODELED SUMMARY BogusRoutine inputs=7 calls=7 site=x.c:1" ]; then
        fail notmodeled:fresh-log "the caller's log was summed or written to"
    else
        pass notmodeled:fresh-log
    fi

    rm -rf "$WSKFUZZ_OUT/report"
    log=$tmp/explore.log
    rc=0
    ./build.sh explore --client tests/realworld/ndis_wfp --corpus tests/realworld/seeds --target fuzz_wskreg \
        >"$log" 2>&1 || rc=$?
    if [ $rc -eq 0 ] && grep -q '^explore: NOT MODELED FwpmEngineOpen0 at ' "$log" &&
        tail -1 "$log" | grep -q '^explore: no findings, but 1 routine' &&
        why=$(notmodeled_json "$WSKFUZZ_OUT/report/findings.json" 2>&1); then
        pass notmodeled:explore-report
    else
        fail notmodeled:explore-report "exit $rc: ${why:-$(tail -1 "$log")}"
    fi

    log=$tmp/coverage.log
    rc=0
    ./build.sh coverage --client tests/realworld/ndis_wfp --corpus tests/realworld/seeds --target fuzz_wskreg \
        >"$log" 2>&1 || rc=$?
    if [ $rc -eq 0 ] && grep -q '^coverage: NOT MODELED FwpmEngineOpen0 at tests/realworld/ndis_wfp/callout.c:' "$log" &&
        grep -q 'FwpmEngineOpen0' "$WSKFUZZ_OUT/coverage-report/not-modeled.txt"; then
        pass notmodeled:coverage
    else
        fail notmodeled:coverage "exit $rc: $(tail -1 "$log")"
    fi

    log=$tmp/afl.log
    rc=0
    ./build.sh fuzz --engine afl --time 6 --client tests/realworld/ndis_wfp --target fuzz_wskreg >"$log" 2>&1 || rc=$?
    if [ $rc -eq 0 ] && grep -q '^fuzz: NOT MODELED FwpmEngineOpen0 at ' "$log" &&
        tail -1 "$log" | grep -q '^fuzz: no findings, but 1 routine'; then
        pass notmodeled:afl
    else
        fail notmodeled:afl "exit $rc: $(tail -1 "$log")"
    fi
    notmodeled_triage "$tmp"
    if [ "$saved_out" = __unset__ ]; then unset WSKFUZZ_OUT; else export WSKFUZZ_OUT=$saved_out; fi
}

# A client that calls a routine not modeled, then leaks (POOL_LEAK at unload, so every input
# aborts): triage's report names the routine and its line, not `not_modeled: []`.
notmodeled_triage() {
    local dir=$1/nm_triage log=$1/triage.log rc=0 why
    mkdir -p "$dir/nm_leak/fuzz_attach"
    cat >"$dir/nm_leak.c" <<'EOF2'
#include <ntddk.h>
static PVOID g_block;
static VOID Unload(PDRIVER_OBJECT DriverObject) { UNREFERENCED_PARAMETER(DriverObject); }
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name;
    PFILE_OBJECT file;
    PDEVICE_OBJECT device;
    UNREFERENCED_PARAMETER(RegistryPath);
    RtlInitUnicodeString(&name, L"\\Device\\Other");
    (VOID)IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &file, &device);
    g_block = ExAllocatePoolWithTag(NonPagedPool, 32, 'kaeL');
    DriverObject->DriverUnload = Unload;
    return STATUS_SUCCESS;
}
EOF2
    printf '\0' >"$dir/nm_leak/fuzz_attach/crash-1"
    ./build.sh triage --client "$dir/nm_leak.c" "$dir/nm_leak/fuzz_attach/crash-1" >"$log" 2>&1 || rc=$?
    if [ $rc -eq 1 ] && grep -q '^triage: NOT MODELED IoGetDeviceObjectPointer at .*nm_leak.c:11: 1 input, 1 call' "$log" &&
        why=$(python3 - "$WSKFUZZ_OUT/report/findings.json" <<'PY' 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
assert [f["id"] for f in d["findings"]] == ["POOL_LEAK"], d["findings"]
rows = d["not_modeled"]
assert len(rows) == 1 and rows[0]["routine"] == "IoGetDeviceObjectPointer", rows
assert rows[0]["site"].endswith("nm_leak.c:11") and rows[0]["inputs"] == 1 and rows[0]["calls"] == 1, rows
PY
        ); then
        pass notmodeled:triage
    else
        fail notmodeled:triage "exit $rc: ${why:-$(grep -m1 'NOT MODELED\|triage:' "$log")}"
    fi
}
