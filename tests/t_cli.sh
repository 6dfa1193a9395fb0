# t_cli.sh - build.sh as a user meets it: bad input gets one clear line and exit 2, and a
# failed build loses nothing that was built before.

# expect_exit NAME CODE PATTERN -- COMMAND...: exit code and a stderr line matching PATTERN.
expect_exit() {
    local name=$1 code=$2 pattern=$3
    shift 4
    local err rc=0
    err=$("$@" 2>&1 >/dev/null) || rc=$?
    if [ "$rc" -ne "$code" ]; then
        fail "$name" "exit $rc, expected $code: $(echo "$err" | tail -1)"
    elif ! echo "$err" | grep -qE -- "$pattern"; then
        fail "$name" "no line matching '$pattern' in: $(echo "$err" | head -3)"
    else
        pass "$name"
    fi
}

t_cli() {
    local tmp=$TEST_TMP/cli
    mkdir -p "$tmp"
    expect_exit cli:unknown-command 2 "unknown command 'frobnicate'" -- ./build.sh frobnicate
    expect_exit cli:unknown-option 2 "unknown option '--frob'" -- ./build.sh --frob
    expect_exit cli:missing-value 2 "option --time needs a value" -- ./build.sh fuzz --time
    expect_exit cli:bad-number 2 "--time takes whole seconds" -- ./build.sh fuzz --time soon
    expect_exit cli:unknown-engine 2 "unknown engine 'gdb'" -- ./build.sh --engine gdb
    expect_exit cli:unknown-target 2 "unknown target 'fuzz_nothing'" -- ./build.sh --target fuzz_nothing
    expect_exit cli:missing-client 2 "no such file or folder" -- ./build.sh --client "$tmp/none.c"
    expect_exit cli:describe-missing-file 2 "no such file" -- ./build.sh describe "$tmp/none.bin"

    # The build that works first, so we can see that failures below leave it usable.
    ./build.sh --client src/doc_client.c --target fuzz_attach >/dev/null 2>&1
    local bin=$OUT_DIR/libfuzzer/doc_client/fuzz_attach
    check cli:build-doc-client test -x "$bin"

    printf '#include <wsk.h>\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return oops; }\n' \
        >"$tmp/broken.c"
    expect_exit cli:client-does-not-compile 2 "use of undeclared identifier 'oops'|'oops' undeclared" -- \
        ./build.sh --client "$tmp/broken.c" --target fuzz_attach
    printf '#include <wsk.h>\nint helper(void) { return 0; }\n' >"$tmp/no_entry.c"
    expect_exit cli:client-without-driverentry 2 "defines no DriverEntry" -- \
        ./build.sh --client "$tmp/no_entry.c" --target fuzz_attach
    if [ -x "$bin" ] && "$bin" -runs=10 >/dev/null 2>&1; then
        pass cli:earlier-build-survives-failures
    else
        fail cli:earlier-build-survives-failures "$bin is gone or broken"
    fi

    # A header the harness includes changed: the objects that include it are compiled again
    # (through the compiler's dependency files; a stale object would keep an old struct layout).
    local obj=$OUT_DIR/libfuzzer/obj/stubs/kernel/pool.o before
    before=$(stat -c %Y.%y "$obj" 2>/dev/null)
    sleep 1
    touch stubs/kernel/pool.h
    ./build.sh --client src/doc_client.c --target fuzz_attach >/dev/null 2>&1
    if [ -n "$before" ] && [ "$(stat -c %Y.%y "$obj" 2>/dev/null)" != "$before" ]; then
        pass cli:header-change-rebuilds
    else
        fail cli:header-change-rebuilds "$obj was not compiled again after stubs/kernel/pool.h changed"
    fi

    # encode: a bad text scenario gets one line naming the line and the field.
    printf 'target fuzz_attach\nflags 0x0\nprovider_count banana\n' >"$tmp/bad.txt"
    expect_exit cli:encode-bad-value 2 "line 3: 'banana' is not a valid value for 'provider_count'" -- \
        ./build.sh encode "$tmp/bad.txt"
    printf 'flags 0x0\n' >"$tmp/notarget.txt"
    expect_exit cli:encode-no-target 2 "starts with 'target <name>'" -- ./build.sh encode "$tmp/notarget.txt"
    : >"$tmp/empty.txt"
    expect_exit cli:encode-empty 2 "no 'target <name>' line" -- ./build.sh encode "$tmp/empty.txt"

    # A client's object is rebuilt when a header it includes changes (its own or the stub
    # kernel's): the dependency file must name the object make builds, not the raw one.
    local hdr=$tmp/hdr obj before after
    mkdir -p "$hdr"
    printf '#define HDR_TAG 1\n' >"$hdr/hdr_cfg.h"
    { printf '#include "hdr_cfg.h"\n'; cat src/doc_client.c; } >"$hdr/hdr_client.c"
    obj=$TEST_TMP/cli-out/standalone/hdr_client/obj/hdr_client.o
    WSKFUZZ_OUT=$TEST_TMP/cli-out ./build.sh --engine standalone --client "$hdr/hdr_client.c" --target fuzz_attach \
        >/dev/null 2>&1
    before=$(stat -c %Y.%N "$obj" 2>/dev/null || echo none)
    sleep 1
    printf '#define HDR_TAG 2\n' >"$hdr/hdr_cfg.h"
    WSKFUZZ_OUT=$TEST_TMP/cli-out ./build.sh --engine standalone --client "$hdr/hdr_client.c" --target fuzz_attach \
        >/dev/null 2>&1
    after=$(stat -c %Y.%N "$obj" 2>/dev/null || echo none)
    if [ "$before" != none ] && [ "$after" != none ] && [ "$before" != "$after" ]; then
        pass cli:client-rebuilt-on-header-change
    else
        fail cli:client-rebuilt-on-header-change "object $before -> $after"
    fi

    # The same client name from another folder: what was built from the first is not reused,
    # and the second's own compiler message shows (a dependency file of the first named a source
    # that the second build does not have).
    mkdir -p "$tmp/hdr2"
    printf '#include <wsk.h>\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return moved_oops; }\n' \
        >"$tmp/hdr2/hdr_client.c"
    rm -rf "$hdr"
    WSKFUZZ_OUT=$TEST_TMP/cli-out expect_exit cli:same-name-other-folder 2 "moved_oops" -- \
        ./build.sh --engine standalone --client "$tmp/hdr2/hdr_client.c" --target fuzz_attach
}
