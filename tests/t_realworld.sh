# t_realworld.sh - real-world WSK clients are fuzzed whole. Each tests/realworld/<name>/ (a
# socket layer or session file written in the style of public drivers, plus a thin
# driver_entry.c; with its project's compile_flags.txt and sources.txt when it has them) must:
#   realworld:<name>:build           build unmodified with ./build.sh --client tests/realworld/<name>
#   realworld:<name>:<cc>-clean      compile with gcc and clang, -Wall -Wextra -Werror, against the
#                                    stub headers as a Windows build would (-fshort-wchar), each file
#                                    with the flags and generated WPP headers the build gave it
#   realworld:<name>:<target>:replay replay the seeds clean: tests/realworld/seeds/<target>/*.txt
#                                    (sockets pending, cancelled, detached under I/O) and corpus/<target>/
#   realworld:<name>:<target>:fuzz   survive REALWORLD_RUNS libFuzzer runs (-seed=1) from those seeds
# and one loud stub is checked end to end:
#   realworld:loud-stub              a client calling IoCreateSymbolicLink twice over two inputs gets
#                                    one "WSKFUZZ NOT MODELED IoCreateSymbolicLink" line and the failure
#   realworld:not-modeled-summary    a routine not modeled is summed up at exit: routine, inputs, calls,
#                                    the client line; also in $WSKFUZZ_NOT_MODELED_LOG (fork mode)
# and how a client is compiled (standalone builds):
#   realworld:project_flags:needs-flags     without its compile_flags.txt, project_flags does not build
#   realworld:project_flags:client-flags    ... and builds again with the same flags from --client-flags
#   realworld:flags:rejected                a flag that would break the harness: exit 2, one line
#   realworld:undeclared-routine            a call to a routine the headers do not declare: exit 2, and
#                                           the line that names docs/kernel-routines.md
#   realworld:project_flags:coverage        the coverage report lists the sources sources.txt named
#   realworld:split_flags:client-flags-all  --client-flags reach every source, whichever
#                                           compile_flags.txt governs it (split_flags builds only
#                                           when each of its three folders gets its own file's flags)
# Replays use the documented statuses only (no WSKFUZZ_HOSTILE): these clients trust them.

REALWORLD_TARGETS=$(wskfuzz_targets)
REALWORLD_RUNS=${REALWORLD_RUNS:-50000}

# The sources of a realworld client: its own .c files, then what its sources.txt lists.
realworld_sources() {
    local dir=tests/realworld/$1 line
    ls "$dir"/*.c
    [ -f "$dir/sources.txt" ] || return 0
    sed 's/#.*//; s/^[[:space:]]*//; s/[[:space:]]*$//; /^$/d' "$dir/sources.txt" | while read -r line; do
        if [ -d "$dir/$line" ]; then ls "$dir/$line"/*.c; else echo "$dir/$line"; fi
    done
}

realworld_clients() {
    local d
    for d in tests/realworld/*/; do
        [ -f "$d/BUGS.md" ] && continue  # a client with known bugs, for triage's tests
        [ -f "$d/driver_entry.c" ] && basename "$d"
    done
}

# The first line that says why a run failed.
realworld_reason() {
    grep -m1 -E 'WSKFUZZ VIOLATION|ERROR: |runtime error|SUMMARY|error:' "$1" || tail -1 "$1"
}

# realworld_run NAME LOG COMMAND...: pass when the command exits 0 and printed no verdict.
realworld_run() {
    local name=$1 log=$2
    shift 2
    if "$@" >"$log" 2>&1 && ! grep -q 'WSKFUZZ VIOLATION' "$log"; then
        pass "$name"
    else
        fail "$name" "$(realworld_reason "$log")"
    fi
}

realworld_seeds() {
    local dir=$1 t f
    for t in $REALWORLD_TARGETS; do
        mkdir -p "$dir/$t"
        for f in tests/realworld/seeds/$t/*.txt; do
            ./build.sh encode "$f" >"$dir/$t/rw-$(basename "$f" .txt)" 2>"$dir/encode.log" ||
                fail "realworld:seed:$t/$(basename "$f")" "$(tail -1 "$dir/encode.log")"
        done
        for f in corpus/$t/*; do
            [ -f "$f" ] && cp "$f" "$dir/$t/"
        done
    done
}

realworld_loud_stub() {
    local dir=$1/loud log=$1/loud.log
    mkdir -p "$dir"
    cat >"$dir/loud_link.c" <<'EOF'
#include <ntddk.h>
static VOID Unload(PDRIVER_OBJECT DriverObject) { UNREFERENCED_PARAMETER(DriverObject); }
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING Link, Device;
    UNREFERENCED_PARAMETER(RegistryPath);
    RtlInitUnicodeString(&Link, L"\\DosDevices\\loud");
    RtlInitUnicodeString(&Device, L"\\Device\\loud");
    if (NT_SUCCESS(IoCreateSymbolicLink(&Link, &Device)))
        return STATUS_UNSUCCESSFUL; /* the stub must fail */
    DriverObject->DriverUnload = Unload;
    return STATUS_SUCCESS;
}
EOF
    printf '\0' >"$dir/in1"
    printf '\1' >"$dir/in2"
    if ! ./build.sh --engine standalone --client "$dir/loud_link.c" --target fuzz_attach >"$log" 2>&1; then
        fail realworld:loud-stub "build: $(realworld_reason "$log")"
        return
    fi
    "$OUT_DIR/standalone/loud_link/fuzz_attach" "$dir/in1" "$dir/in2" >"$log" 2>&1
    local lines
    lines=$(grep -c '^WSKFUZZ NOT MODELED IoCreateSymbolicLink$' "$log")
    if [ "$lines" = 1 ] && ! grep -q 'WSKFUZZ VIOLATION' "$log"; then
        pass realworld:loud-stub
    else
        fail realworld:loud-stub "$lines NOT MODELED lines (expected 1): $(realworld_reason "$log")"
    fi
}

# A routine not modeled is counted: the summary at exit names it, how many inputs called it and
# the client's line, on stderr and, for fork mode's jobs, in $WSKFUZZ_NOT_MODELED_LOG.
realworld_not_modeled_summary() {
    local dir=$1/unmodeled log=$1/unmodeled.log
    mkdir -p "$dir"
    cat >"$dir/unmodeled_client.c" <<'EOF'
#include <ntddk.h>
static VOID Unload(PDRIVER_OBJECT DriverObject) { UNREFERENCED_PARAMETER(DriverObject); }
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name;
    PFILE_OBJECT file;
    PDEVICE_OBJECT device;
    UNREFERENCED_PARAMETER(RegistryPath);
    RtlInitUnicodeString(&name, L"\\Device\\Other");
    if (NT_SUCCESS(IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &file, &device)))
        return STATUS_UNSUCCESSFUL;
    DriverObject->DriverUnload = Unload;
    return STATUS_SUCCESS;
}
EOF
    if ! ./build.sh --client "$dir/unmodeled_client.c" --target fuzz_attach >"$log" 2>&1; then
        fail realworld:not-modeled-summary "build: $(realworld_reason "$log")"
        return
    fi
    rm -f "$dir/collected"
    WSKFUZZ_NOT_MODELED_LOG=$dir/collected "$OUT_DIR/libfuzzer/unmodeled_client/fuzz_attach" -runs=300 >"$log" 2>&1
    local want="^WSKFUZZ NOT MODELED SUMMARY IoGetDeviceObjectPointer inputs=300 calls=300 site=$dir/unmodeled_client.c:10\$"
    if grep -q "$want" "$log" && grep -q "$want" "$dir/collected"; then
        pass realworld:not-modeled-summary
    else
        fail realworld:not-modeled-summary "no line matching '$want': $(grep 'NOT MODELED' "$log" | tail -2)"
    fi
}

t_realworld() {
    local tmp=$TEST_TMP/realworld c t cc f ok bin
    mkdir -p "$tmp"
    realworld_seeds "$tmp/seeds"
    for c in $(realworld_clients); do
        if ! ./build.sh --client "tests/realworld/$c" >"$tmp/$c-build.log" 2>&1; then
            fail "realworld:$c:build" "$(realworld_reason "$tmp/$c-build.log")"
            continue
        fi
        pass "realworld:$c:build"
        for cc in gcc clang; do
            ok=1
            for f in $(realworld_sources "$c"); do
                # the file's own flags as the build used them (shell-quoted by scripts/lib.sh)
                eval "set -- $(cat "$OUT_DIR/libfuzzer/$c/flags/$(basename "$f" .c).flags")"
                $cc -std=gnu11 -fshort-wchar -Wall -Wextra -Werror -Wno-multichar "$@" -iquote "$OUT_DIR/libfuzzer/$c/wpp" \
                    -Istubs/include -c "$f" -o /dev/null 2>>"$tmp/$c-$cc.log" || ok=0
            done
            if [ $ok = 1 ]; then pass "realworld:$c:$cc-clean"; else fail "realworld:$c:$cc-clean" "$(head -1 "$tmp/$c-$cc.log")"; fi
        done
        for t in $REALWORLD_TARGETS; do
            bin=$OUT_DIR/libfuzzer/$c/$t
            realworld_run "realworld:$c:$t:replay" "$tmp/$c-$t-replay.log" "$bin" "$tmp/seeds/$t"/*
            rm -rf "$tmp/work"
            cp -r "$tmp/seeds/$t" "$tmp/work"
            realworld_run "realworld:$c:$t:fuzz" "$tmp/$c-$t-fuzz.log" \
                "$bin" -seed=1 -runs="$REALWORLD_RUNS" -max_total_time=60 "$tmp/work"
        done
    done
    realworld_loud_stub "$tmp"
    realworld_not_modeled_summary "$tmp"
    realworld_compile_config "$tmp"
}

# realworld_expect_2 NAME LOG PATTERN COMMAND...: pass when the command exits 2 and printed PATTERN.
realworld_expect_2() {
    local name=$1 log=$2 pattern=$3 rc=0
    shift 3
    "$@" >"$log" 2>&1 || rc=$?
    if [ $rc = 2 ] && grep -qE "$pattern" "$log"; then
        pass "$name"
    else
        fail "$name" "exit $rc: $(realworld_reason "$log")"
    fi
}

realworld_compile_config() {
    local dir=$1/config log=$1/config.log
    mkdir -p "$dir/undeclared"
    cp -r tests/realworld/project_flags tests/realworld/project_flags_src "$dir/"
    rm "$dir/project_flags/compile_flags.txt"
    realworld_expect_2 realworld:project_flags:needs-flags "$log" "build of client 'project_flags' \\(standalone\\) failed" \
        ./build.sh --engine standalone --target fuzz_wskreg --client "$dir/project_flags"
    if (cd "$dir" && "$ROOT/build.sh" --engine standalone --target fuzz_wskreg --client project_flags \
        --client-flags "-DPOOL_NX_OPTIN=1 -DRW_PROJECT_BUILD=1 -DRW_MAX_ECHOES=3 -Iproject_flags_src/include") >"$log" 2>&1; then
        pass realworld:project_flags:client-flags
    else
        fail realworld:project_flags:client-flags "$(realworld_reason "$log")"
    fi
    printf -- '-DRW_PROJECT_BUILD=1\n-fsanitize=memory\n' >"$dir/project_flags/compile_flags.txt"
    realworld_expect_2 realworld:flags:rejected "$log" "compile_flags.txt: '-fsanitize=memory' is not accepted" \
        ./build.sh --engine standalone --target fuzz_wskreg --client "$dir/project_flags"
    printf '%s\n' '#include <ntddk.h>' \
        'static VOID Unload(PDRIVER_OBJECT DriverObject) { UNREFERENCED_PARAMETER(DriverObject); }' \
        'NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)' \
        '{ UNREFERENCED_PARAMETER(RegistryPath); DriverObject->DriverUnload = Unload; return KeNobodyDeclaresThis(DriverObject); }' \
        >"$dir/undeclared/undeclared.c"
    realworld_expect_2 realworld:undeclared-routine "$log" \
        "^build: KeNobodyDeclaresThis is not declared by the stub kernel's WDK headers \\(see docs/kernel-routines.md" \
        ./build.sh --engine standalone --target fuzz_wskreg --client "$dir/undeclared"
    if ./build.sh --engine standalone --target fuzz_wskreg --client tests/realworld/split_flags \
        --client-flags "-DSPLIT_EXTRA=7" >"$log" 2>&1 &&
        [ "$(grep -l -- '-DSPLIT_EXTRA=7' "$OUT_DIR"/standalone/split_flags/flags/*.flags | wc -l)" = 3 ]; then
        pass realworld:split_flags:client-flags-all
    else
        fail realworld:split_flags:client-flags-all "$(realworld_reason "$log")"
    fi
    if ./build.sh coverage --target fuzz_wskreg --client tests/realworld/project_flags >"$log" 2>&1 &&
        grep -q 'project_flags_src/src/echo.c' "$OUT_DIR/coverage-report/summary.txt"; then
        pass realworld:project_flags:coverage
    else
        fail realworld:project_flags:coverage "$(realworld_reason "$log")"
    fi
}
