# t_unit.sh - unit tests of the stub kernel (cmocka, tests/unit/), built straight from stubs/<layer>/*.c
# and the decoder, not through the fuzz targets: clang with ASan+UBSan (one line per cmocka
# test), gcc with -Werror (the stubs are gcc-clean; its run is one line), and the seed's code
# compiled against stubs/include with both compilers.

UNIT_SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
UNIT_SEED=../shared/seed/attaching-the-wsk-client-to-the-wsk-subsystem.md

# unit_build NAME CC SAN EXTRA: build every tests/unit/test_* into $OUT_DIR/tests/unit-NAME;
# the compiler's output goes to build.log there; fails on a build error.
unit_build() {
    local cc=$2 san=$3 extra=$4 dir=$OUT_DIR/tests/unit-$1 stamp
    stamp="$cc $san $extra $(md5sum tests/unit/unit.mk | cut -c1-32)"
    # other flags than last time: start over (make does not see flag changes)
    if [ "$(cat "$dir/flags.stamp" 2>/dev/null)" != "$stamp" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        echo "$stamp" >"$dir/flags.stamp"
    fi
    # relink every binary (cheap): a test file that no longer builds leaves no stale binary to run
    find "$dir" -maxdepth 1 -type f -name 'test_*' -delete
    make -s -r -k -j2 -f tests/unit/unit.mk O="$dir" CC="$cc" SAN="$san" EXTRA="$extra" >"$dir/build.log" 2>&1
}

# unit_first_diagnostic LOG: the first warning or error line of a build log.
unit_first_diagnostic() {
    grep -m1 -E 'warning:|error:' "$1" || tail -n 1 "$1"
}

# unit_run_tap BIN PREFIX: run a cmocka binary in TAP mode; one pass/fail line per test, and a
# failure if it ends early (a crash, a sanitizer report) or exits non-zero after its tests.
unit_run_tap() {
    local bin=$1 prefix=$2 log results status name reason ran=0 planned rc
    log=$TEST_TMP/$(basename "$bin").tap
    results=$TEST_TMP/$(basename "$bin").results
    CMOCKA_MESSAGE_OUTPUT=TAP timeout 300 "$bin" >"$log" 2>&1
    rc=$?
    planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$log" | head -n 1)
    # "ok N - name", "not ok N - name" then "# reason" lines, "not ok N # SKIP name"
    # A test's own messages (stderr) come before its "not ok" line; cmocka's come after it.
    awk '
        function add(text) { reason = reason (reason == "" ? "" : " | ") text }
        function flush() {
            if (status != "") printf "%s\t%s\t%s\n", status, name, substr(reason, 1, 600)
            status = ""
        }
        /^(ok|not ok) [0-9]+/ {
            flush()
            status = ($1 == "ok") ? "pass" : "fail"
            name = $0
            if (name ~ /# SKIP/) { status = "skip"; sub(/^.*# SKIP */, "", name) } else sub(/^[^-]*- /, "", name)
            reason = (status == "fail") ? before : ""
            before = ""
            next
        }
        /^# (ok|not ok) - / || /^1\.\./ { next }
        /^# / { if (status == "fail") add(substr($0, 3)); next }
        { flush(); before = before (before == "" ? "" : " | ") $0 }
        END { flush() }' "$log" >"$results"
    while IFS=$'\t' read -r status name reason; do
        ran=$((ran + 1))
        case "$status" in
        pass) pass "$prefix:$name" ;;
        skip) pass "$prefix:$name (skipped: not applicable to this build)" ;;
        *) fail "$prefix:$name" "$reason" ;;
        esac
    done <"$results"
    if [ -z "$planned" ] || [ "$ran" -lt "$planned" ]; then
        fail "$prefix:run" "ended after $ran of ${planned:-?} tests (rc $rc): $(grep -m1 -E 'ERROR|runtime error|VIOLATION|Assertion' "$log" || tail -n 1 "$log")"
    elif [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$log"; then
        fail "$prefix:exit" "all tests passed but it exited with $rc: $(grep -m1 -E 'ERROR|runtime error' "$log" || tail -n 1 "$log")"
    fi
}

# unit_run_quiet BIN: true when every test of a cmocka binary passes (the gcc build's run);
# else prints the binary's name and its first failed test.
unit_run_quiet() {
    local log
    log=$TEST_TMP/$(basename "$1").gcc.tap
    CMOCKA_MESSAGE_OUTPUT=TAP timeout 300 "$1" >"$log" 2>&1 && return 0
    echo "$(basename "$1") ($(grep -m1 '^not ok [0-9]* -' "$log" || echo "exit $?"))"
    return 1
}

# The seed's code block, elided lines ("." and "..." alone, maybe with a comment) dropped, after
# the two includes a driver would have.
# Outside this workplace (no ../shared beside the checkout) the same code is taken from
# src/doc_client.c, which keeps the seed's ClientAttachProvider unchanged.
unit_seed_source() {
    printf '#include <ntddk.h>\n#include <wsk.h>\n\n'
    if [ -f "$UNIT_SEED" ]; then
        awk '/^```/ { if (inside) exit; if ($0 ~ /^```[Cc]/) inside = 1; next } inside' "$UNIT_SEED" |
            grep -Ev '^[[:space:]]*\.{1,3}[[:space:]]*(//.*)?$'
    else
        sed -n '/^\/\/ Context structure type/,/^\/\/ ClientDetachProvider NMR API callback/p' src/doc_client.c |
            sed '$d'
    fi
}

t_unit_seed() {
    local src=$TEST_TMP/seed_attach.c typed=$TEST_TMP/seed_attach_typed.c cc
    unit_seed_source >"$src"
    if ! grep -q 'NmrClientAttachProvider' "$src"; then
        fail "unit:seed-compile" "no code block with NmrClientAttachProvider found in the seed"
        return
    fi
    # The callback's signature is exactly the WDK function type (a redeclaration must agree).
    { cat "$src"; printf '\nNPI_CLIENT_ATTACH_PROVIDER_FN ClientAttachProvider;\n'; } >"$typed"
    for cc in clang gcc; do
        if $cc -std=c11 -Istubs/include -Werror=implicit-function-declaration -Werror=incompatible-pointer-types \
            -Werror=int-conversion -c "$src" -o "$TEST_TMP/seed_$cc.o" >"$TEST_TMP/seed_$cc.log" 2>&1; then
            pass "unit:seed-compile:$cc"
        else
            fail "unit:seed-compile:$cc" "$(unit_first_diagnostic "$TEST_TMP/seed_$cc.log")"
        fi
    done
    if clang -std=c11 -Istubs/include -fsyntax-only "$typed" >"$TEST_TMP/seed_typed.log" 2>&1; then
        pass "unit:seed-attach-signature"
    else
        fail "unit:seed-attach-signature" "$(unit_first_diagnostic "$TEST_TMP/seed_typed.log")"
    fi
}

# A client naming the WDK surface beside WSK (the full ntstatus.h, ndis.h, the WFP GUIDs)
# compiles warning-free with both compilers, as a Windows build would (-fshort-wchar).
t_unit_wdk_surface() {
    local cc
    for cc in clang gcc; do
        if $cc -std=gnu11 -fshort-wchar -Wall -Wextra -Werror -Wno-multichar -Istubs/include \
            -c tests/fixtures/wdk_surface_client.c -o "$TEST_TMP/surface_$cc.o" >"$TEST_TMP/surface_$cc.log" 2>&1; then
            pass "unit:wdk-surface-client:$cc"
        else
            fail "unit:wdk-surface-client:$cc" "$(unit_first_diagnostic "$TEST_TMP/surface_$cc.log")"
        fi
    done
}

t_unit() {
    local dir bin ok
    OUT_DIR=${OUT_DIR:-out}

    # clang, ASan + UBSan: every cmocka test is its own line
    dir=$OUT_DIR/tests/unit-clang
    if unit_build clang clang "$UNIT_SAN" ""; then
        if grep -q 'warning:' "$dir/build.log"; then
            fail "unit:build:clang" "$(unit_first_diagnostic "$dir/build.log")"
        else
            pass "unit:build:clang"
        fi
    else
        fail "unit:build:clang" "$(unit_first_diagnostic "$dir/build.log")"
    fi
    for bin in "$dir"/test_*; do
        [ -x "$bin" ] || continue
        unit_run_tap "$bin" "unit:$(basename "$bin" | sed 's/^test_//')"
    done

    # gcc, -Werror: the stubs, the decoder and the tests are warning-free under gcc too
    dir=$OUT_DIR/tests/unit-gcc
    if unit_build gcc gcc "" "-Werror"; then
        pass "unit:build:gcc"
        ok=""
        for bin in "$dir"/test_*; do
            [ -x "$bin" ] || continue
            ok="$ok$(unit_run_quiet "$bin")"
        done
        if [ -z "$ok" ]; then pass "unit:gcc:run"; else fail "unit:gcc:run" "failed: $ok"; fi
    else
        fail "unit:build:gcc" "$(unit_first_diagnostic "$dir/build.log")"
    fi

    t_unit_seed
    t_unit_wdk_surface
}
