# lib.sh - what every build.sh command shares: tools, flavors, clients, building.
# Sourced by build.sh (set -eu, ROOT, TARGETS, ENGINE, CLIENT_PATHS are set there) and by
# scripts/build_step.sh, the Python package's way in.

# ---- tools ----
DEPS_PACKAGES="clang llvm lld afl++ libcmocka-dev zip unzip python3 make binutils patch"

missing_tools() {
    local t missing=()
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 || missing+=("$t")
    done
    echo "${missing[*]:-}"
}

cmd_deps() {
    local missing
    missing=$(missing_tools clang llvm-profdata llvm-cov afl-clang-fast afl-fuzz zip unzip python3 make objcopy patch)
    [ -f /usr/include/cmocka.h ] || missing="$missing cmocka.h"
    if [ -z "${missing// /}" ]; then
        echo "deps: everything is installed"
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "deps: installing $DEPS_PACKAGES (missing:$missing)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        # shellcheck disable=SC2086
        apt-get install -y -qq $DEPS_PACKAGES >/dev/null
        echo "deps: done"
    else
        echo "deps: missing:$missing" >&2
        echo "deps: run: sudo apt-get install -y $DEPS_PACKAGES" >&2
        return 2
    fi
}

# Make sure the tools a command needs are there: install them when we can, else say which.
require_tools() {
    local missing
    missing=$(missing_tools "$@")
    [ -z "$missing" ] && return 0
    cmd_deps >&2 || die "missing tools: $missing (run ./build.sh deps)"
    missing=$(missing_tools "$@")
    [ -z "$missing" ] || die "missing tools: $missing (run ./build.sh deps)"
}

# ---- flavors ----
# Sets CC CFLAGS HARNESS_CC HARNESS_CFLAGS LINK LDFLAGS ENGINE_LDFLAGS ENGINE_OBJ BUILD_DIR.
# The harness is built without the fuzzer's coverage instrumentation (the engine explores the
# client's code; instrumenting the stub kernel made each input ~5x slower and steered the fuzzer
# towards harness internals). In the libfuzzer flavor it is built without ASan's instrumentation
# and with UBSan's cheap checks only (array bounds, division by zero, shifts, signed overflow): its
# own memory is static arrays, and ASan's checks on it cost a quarter of the exec/s, UBSan's
# alignment and null checks another 5%, local-bounds (a check per field store through a pointer
# into the stub's state, which no_sanitize does not lift in clang 14) 8% of a scenario. It is
# built at -O2 with ThinLTO (lld): a scenario is hundreds of small calls between the stub files,
# and inlining them across files took another 13% off. What the client may touch is still
# ASan's: the client is instrumented, the stubs mark pool blocks and provider views through the
# ASan runtime, and the runtime's memcpy/memset checks cover the stubs' copies of client memory
# (their copies of their own state skip them: stubs/raw_memory.c). The unit tests build the stubs
# with full ASan and UBSan, the msan flavor with MSan.
SAN_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
HARNESS_SAN_FLAGS="-fsanitize=array-bounds,integer-divide-by-zero,shift,signed-integer-overflow,unreachable,vla-bound -fno-sanitize-recover=all"
# The user's compiler for the standalone flavor, taken before other flavors set CC (one process
# builds several flavors, e.g. `fuzz`).
STANDALONE_CC=${CC:-cc}
flavor_setup() {
    local flavor=$1
    BUILD_DIR=$OUT_DIR/$flavor
    HARNESS_CC=""
    HARNESS_CFLAGS=""
    ENGINE_OBJ=""
    ENGINE_LDFLAGS=""
    LDFLAGS=""
    case "$flavor" in
    libfuzzer)
        require_tools clang ld.lld
        CC=clang
        CFLAGS="-O1 -g -fno-omit-frame-pointer $SAN_FLAGS -fsanitize=fuzzer-no-link"
        HARNESS_CFLAGS="-O2 -g -fno-omit-frame-pointer -flto=thin $HARNESS_SAN_FLAGS"
        LINK=clang
        # The ThinLTO cache: every client links the same harness modules, generated once (a
        # link took 1.3 s without it, 0.4 s with; the tests link a few hundred).
        LDFLAGS="$SAN_FLAGS -fuse-ld=lld -flto=thin -O2 -Wl,--thinlto-cache-dir=$BUILD_DIR/lto-cache"
        ENGINE_LDFLAGS="-fsanitize=fuzzer"
        ;;
    afl)
        require_tools afl-clang-fast clang
        CC=afl-clang-fast
        CFLAGS="-O1 -g -fno-omit-frame-pointer"
        HARNESS_CC=clang
        HARNESS_CFLAGS="$CFLAGS -fsanitize=address"
        LINK=afl-clang-fast
        ENGINE_LDFLAGS="-fsanitize=fuzzer"
        unset AFL_LLVM_CMPLOG
        export AFL_USE_ASAN=1 AFL_QUIET=1
        ;;
    afl-cmplog)
        # The companion of the afl flavor for one CMPLOG secondary (afl-fuzz -c): it only logs
        # comparisons, so it goes without sanitizers.
        require_tools afl-clang-fast clang
        CC=afl-clang-fast
        CFLAGS="-O1 -g -fno-omit-frame-pointer"
        HARNESS_CC=clang
        LINK=afl-clang-fast
        ENGINE_LDFLAGS="-fsanitize=fuzzer"
        unset AFL_USE_ASAN
        export AFL_LLVM_CMPLOG=1 AFL_QUIET=1
        ;;
    standalone)
        CC=$STANDALONE_CC
        require_tools "$CC"
        CFLAGS="-O1 -g -fno-omit-frame-pointer"
        LINK=$CC
        ENGINE_OBJ=$BUILD_DIR/obj/fuzz/standalone_main.o
        ;;
    coverage)
        require_tools clang llvm-profdata llvm-cov
        CC=clang
        CFLAGS="-O0 -g -fprofile-instr-generate -fcoverage-mapping"
        LINK=clang
        LDFLAGS="-fprofile-instr-generate"
        ENGINE_OBJ=$BUILD_DIR/obj/fuzz/standalone_main.o
        ;;
    msan)
        require_tools clang
        CC=clang
        HARNESS_CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=memory -fsanitize-memory-track-origins"
        CFLAGS="$HARNESS_CFLAGS -fsanitize=fuzzer-no-link"
        LINK=clang
        LDFLAGS="-fsanitize=memory"
        ENGINE_LDFLAGS="-fsanitize=fuzzer"
        ;;
    esac
    HARNESS_CC=${HARNESS_CC:-$CC}
    HARNESS_CFLAGS=${HARNESS_CFLAGS:-$CFLAGS}
}

# ---- clients ----
# A client spec is "name|src1 src2 ...". Bundled clients come from src/, users' from --client.
client_specs() {
    local c p name srcs
    if [ ${#CLIENT_PATHS[@]} -eq 0 ]; then
        for c in $BUNDLED_CLIENTS; do
            echo "$c|src/$c.c"
        done
        return
    fi
    for p in "${CLIENT_PATHS[@]}"; do
        if [ -d "$p" ]; then
            srcs=$(find "$p" -maxdepth 1 -name '*.c' | sort | tr '\n' ' ')
            [ -n "$srcs" ] || die "--client $p: the folder holds no .c files"
            name=$(basename "$(cd "$p" && pwd)")
        elif [ -f "$p" ]; then
            case "$p" in *.c) ;; *) die "--client $p: expected a .c file or a folder of them" ;; esac
            srcs=$p
            name=$(basename "$p" .c)
        else
            die "--client $p: no such file or folder"
        fi
        echo "$name|$srcs"
    done
}

spec_name() { echo "${1%%|*}"; }
spec_srcs() { echo "${1#*|}"; }

# The plug-in contract: a client defines DriverEntry. Checked on the compiled objects.
check_driver_entry() {
    local name=$1 dir=$2
    if ! nm "$dir"/obj/*.o 2>/dev/null | grep -qE ' T DriverEntry$'; then
        die "client '$name' defines no DriverEntry: a client is C files that include WDK headers and define NTSTATUS DriverEntry(PDRIVER_OBJECT, PUNICODE_STRING), which sets DriverObject->DriverUnload"
    fi
}

# Write the flavor's flags stamp only when they change, so make rebuilds exactly then.
write_stamp() {
    local stamp=$BUILD_DIR/flags.stamp text="$CC $CFLAGS | $HARNESS_CC $HARNESS_CFLAGS | $LINK $LDFLAGS $ENGINE_LDFLAGS"
    mkdir -p "$BUILD_DIR"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$text" ]; then
        echo "$text" >"$stamp"
    fi
}

run_make() {
    make -s -r -f build.mk BUILD_DIR="$BUILD_DIR" CC="$CC" CFLAGS="$CFLAGS" HARNESS_CC="$HARNESS_CC" \
        HARNESS_CFLAGS="$HARNESS_CFLAGS" LINK="$LINK" LDFLAGS="$LDFLAGS" \
        ENGINE_LDFLAGS="$ENGINE_LDFLAGS" ENGINE_OBJ="$ENGINE_OBJ" CLIENT_NAME="$1" CLIENT_SRCS="$2" \
        TARGETS="$TARGETS" "$3"
}

PRINTED_FLAVORS=" "
# Compile, check the plug-in contract, link. Errors show the compiler's own message.
build_client() {
    local flavor=$1 spec=$2 name srcs log
    name=$(spec_name "$spec")
    srcs=$(spec_srcs "$spec")
    flavor_setup "$flavor"
    write_stamp
    case "$PRINTED_FLAVORS" in
    *" $flavor "*) ;;
    *) echo "build: $flavor: client: $CC $CFLAGS; harness: $HARNESS_CC $HARNESS_CFLAGS" >&2
       PRINTED_FLAVORS="$PRINTED_FLAVORS$flavor " ;;
    esac
    log=$(mktemp)
    if ! run_make "$name" "$srcs" objects >"$log" 2>&1; then
        grep -v '^make' "$log" >&2 || true
        rm -f "$log"
        die "build of client '$name' ($flavor) failed"
    fi
    check_driver_entry "$name" "$BUILD_DIR/$name"
    if ! run_make "$name" "$srcs" all >"$log" 2>&1; then
        grep -v '^make' "$log" >&2 || true
        rm -f "$log"
        die "link of client '$name' ($flavor) failed"
    fi
    rm -f "$log"
}

# All clients' specs, or exit 2 when one is not usable (checked before anything is built).
CLIENT_SPECS=""
load_client_specs() {
    [ -n "$CLIENT_SPECS" ] && return 0
    CLIENT_SPECS=$(client_specs) || exit 2
}

build_all_clients() {
    local flavor=$1 spec
    load_client_specs
    while read -r spec; do
        build_client "$flavor" "$spec"
    done <<<"$CLIENT_SPECS"
    build_tools
}

# The scenario tool (describe / encode) needs no client and no sanitizer.
build_tools() {
    local cc=cc
    command -v cc >/dev/null 2>&1 || cc=clang
    local tool=$OUT_DIR/tools/scenario_tool
    mkdir -p "$OUT_DIR/tools"
    if [ ! -x "$tool" ] || [ -n "$(find fuzz stubs -newer "$tool" -name '*.[ch]' | head -1)" ]; then
        $cc -std=c11 -O1 -g -Wall -Wextra -Istubs/include -Istubs -o "$tool.tmp" \
            fuzz/scenario_tool.c fuzz/scenario.c fuzz/fuzz_input.c stubs/status_names.c ||
            die "build of the scenario tool failed"
        mv -f "$tool.tmp" "$tool"
    fi
}

# ---- describe / encode ----
cmd_describe_encode() {
    [ ${#POSITIONAL[@]} -eq 1 ] || die_usage "$COMMAND takes one file"
    local f=${POSITIONAL[0]}
    [ -f "$f" ] || die "$f: no such file"
    build_tools
    if [ "$COMMAND" = describe ]; then
        if [ -n "$TARGET_FILTER" ]; then
            "$OUT_DIR/tools/scenario_tool" describe --target "$TARGET_FILTER" "$f"
        else
            "$OUT_DIR/tools/scenario_tool" describe "$f"
        fi
    else
        "$OUT_DIR/tools/scenario_tool" encode "$f"
    fi
}

# ---- OSS-Fuzz / ClusterFuzzLite ----
# build_ossfuzz: with $OUT and $LIB_FUZZING_ENGINE set (see scripts/ossfuzz.sh).
# shellcheck source=scripts/ossfuzz.sh
. "$ROOT/scripts/ossfuzz.sh"
