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
# (their copies of their own state skip them: stubs/core/raw_memory.c). The unit tests build the stubs
# with full ASan and UBSan, the msan flavor with MSan.
SAN_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
HARNESS_SAN_FLAGS="-fsanitize=array-bounds,integer-divide-by-zero,shift,signed-integer-overflow,unreachable,vla-bound -fno-sanitize-recover=all"
# The user's compiler for the standalone flavor, taken before other flavors set CC (one process
# builds several flavors, e.g. `fuzz`).
STANDALONE_CC=${CC:-cc}
# The libfuzzer flavor's harness is optimized with a profile of itself (PGO), taken by
# harness_profile below from the bundled doc client's seeds: what libFuzzer pays per input is
# largely the harness starting cold after libFuzzer's own work (a second play of the same input
# costs half the first), and the profile lays the hot code out together. 5-7% less CPU per input in
# all three targets, measured with `BENCH_AGAINST`.
# WSKFUZZ_HARNESS_PROFILE names a profile to use as it is instead of making one in this out
# folder (the tests' many out folders share the tree's; each would take 6 s to make its own).
HARNESS_PROFILE_FLAVOR=libfuzzer-profile
harness_profile_file() { echo "${WSKFUZZ_HARNESS_PROFILE:-$OUT_DIR/$HARNESS_PROFILE_FLAVOR/harness.profdata}"; }
flavor_setup() {
    local flavor=$1
    BUILD_DIR=$OUT_DIR/$flavor
    HARNESS_CC=""
    HARNESS_CFLAGS=""
    ENGINE_OBJ=""
    ENGINE_LDFLAGS=""
    LDFLAGS=""
    STAMP_EXTRA=""
    case "$flavor" in
    libfuzzer | "$HARNESS_PROFILE_FLAVOR")
        require_tools clang ld.lld llvm-profdata
        CC=clang
        CFLAGS="-O1 -g -fno-omit-frame-pointer $SAN_FLAGS -fsanitize=fuzzer-no-link"
        HARNESS_CFLAGS="-O2 -g -fno-omit-frame-pointer -flto=thin $HARNESS_SAN_FLAGS"
        LINK=clang
        # The ThinLTO cache: every client links the same harness modules, generated once (a
        # link took 1.3 s without it, 0.4 s with; the tests link a few hundred).
        LDFLAGS="$SAN_FLAGS -fuse-ld=lld -flto=thin -O2 -Wl,--thinlto-cache-dir=$BUILD_DIR/lto-cache"
        ENGINE_LDFLAGS="-fsanitize=fuzzer"
        local profile
        profile=$(harness_profile_file)
        if [ "$flavor" = "$HARNESS_PROFILE_FLAVOR" ]; then
            HARNESS_CFLAGS="$HARNESS_CFLAGS -fprofile-instr-generate"
            LDFLAGS="$LDFLAGS -fprofile-instr-generate"
        elif [ -s "$profile" ]; then
            HARNESS_CFLAGS="$HARNESS_CFLAGS -fprofile-instr-use=$profile"
            # a new profile rebuilds the harness (the stamp holds its checksum)
            STAMP_EXTRA="profile $(cksum <"$profile")"
        fi
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
# A client is compiled as its project compiles it, from files in its folder (the folder given to
# --client, or the folder of the .c file given) and its sources' folders:
#   compile_flags.txt  clang's convention, one flag per line: -D -U -I -include -iquote -isystem
#                      -idirafter -std= -f... -W...; relative paths are taken from its folder;
#                      each source takes the nearest one (client_flags_file_for)
#   sources.txt        (folder clients) more sources, one per line: a .c file, or a folder whose
#                      .c files are all taken; relative to its folder; # starts a comment
# plus --client-flags "..." (the same flags; relative paths from where build.sh was run).
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
            srcs="$srcs$(client_listed_sources "$p" "$srcs" | tr '\n' ' ')" || exit 2
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

# The sources DIR/sources.txt lists that are not among OWN (the folder's own .c files), absolute,
# one per line. Two sources with one file name would share an object: that is an error.
client_listed_sources() {
    local dir=$1 own=$2 line path f seen=" "
    [ -f "$dir/sources.txt" ] || return 0
    for f in $own; do seen="$seen$(realpath "$f") "; done
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%%#*}
        line=$(echo "$line" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
        [ -n "$line" ] || continue
        case "$line" in /*) path=$line ;; *) path=$dir/$line ;; esac
        if [ -d "$path" ]; then
            path=$(find "$path" -maxdepth 1 -name '*.c' | sort)
        elif [ ! -f "$path" ] || [[ "$path" != *.c ]]; then
            die "$dir/sources.txt: '$line' is not a .c file or a folder"
        fi
        for f in $path; do
            f=$(realpath "$f")
            case "$seen" in *" $f "*) continue ;; esac
            case " $own $seen" in */"$(basename "$f") "*)
                die "$dir/sources.txt: $f has the file name of another source of the client (each needs its own name)" ;;
            esac
            seen="$seen$f "
            echo "$f"
        done
    done <"$dir/sources.txt"
}

# client_flags_check ORIGIN DIR FLAG...: the flags one per line, relative paths made absolute from
# DIR; a flag that would break the harness (its output, its instrumentation or sanitizers, the
# Windows ABI it builds for) is one line naming ORIGIN and exit 2.
client_flags_check() {
    local origin=$1 dir=$2 f want="" why opt
    shift 2
    abs_from() { case "$1" in /*) echo "$1" ;; *) echo "$dir/$1" ;; esac; }
    for f in "$@"; do
        if [ -n "$want" ]; then
            case "$want" in -D | -U) echo "$want$f" ;; *) echo "$want"; abs_from "$f" ;; esac
            want=""
            continue
        fi
        why=""
        case "$f" in
        -D | -U | -I | -include | -iquote | -isystem | -idirafter) want=$f ;;
        -D?* | -U?* | -std=*) echo "$f" ;;
        -I?*) echo "-I$(abs_from "${f#-I}")" ;;
        -include?* | -iquote?* | -isystem?* | -idirafter?*)
            case "$f" in -include*) opt=-include ;; -iquote*) opt=-iquote ;; -isystem*) opt=-isystem ;; *) opt=-idirafter ;; esac
            echo "$opt"; abs_from "${f#"$opt"}" ;;
        -fsanitize* | -fno-sanitize*) why="the harness chooses the sanitizers of each build" ;;
        -fprofile* | -fno-profile* | -fcoverage* | -fno-coverage* | -flto* | -fno-lto | -fsyntax-only | -fuse-ld=*)
            why="the harness chooses the instrumentation and the link of each build" ;;
        -fno-short-wchar | -fwchar-type=*) why="WCHAR is 16-bit, as on Windows (-fshort-wchar)" ;;
        -f?*) echo "$f" ;;
        -w) why="a routine the stub kernel does not declare must stay an error" ;;
        -Wl,* | -Wa,* | -Wp,*) why="it passes options to the linker, assembler or preprocessor" ;;
        -W?*) echo "$f" ;;
        *) why="only -D -U -I -include -iquote -isystem -idirafter -std= -f... -W... are accepted" ;;
        esac
        [ -z "$why" ] || die "$origin: '$f' is not accepted: $why"
    done
    [ -z "$want" ] || die "$origin: $want needs a value"
    return 0
}

# The folder of a client's compile_flags.txt / sources.txt: the --client folder, else the folder
# of the first source (the folder's own .c files come first in a spec).
declare -A CLIENT_HOME=()
client_home() {
    local name=$1 srcs=$2
    if [ -n "${CLIENT_HOME[$name]:-}" ]; then echo "${CLIENT_HOME[$name]}"; return; fi
    # shellcheck disable=SC2086
    set -- $srcs
    (cd "$(dirname "$1")" && pwd)
}

# A folder client's home is the folder itself (its sources may all live elsewhere).
note_client_homes() {
    local p name
    for p in ${CLIENT_PATHS[@]+"${CLIENT_PATHS[@]}"}; do
        if [ -d "$p" ]; then
            name=$(basename "$(cd "$p" && pwd)")
            CLIENT_HOME[$name]=$(cd "$p" && pwd)
        fi
    done
}

# The compile_flags.txt that governs the source SRC of the client at HOME, clang's convention: the
# nearest one in SRC's folder or a parent. The search stays in the client's tree: a source inside
# HOME looks up to HOME; one outside (named by sources.txt) looks up within its own tree, short
# of the folder it shares with HOME. Nothing found: HOME's own compile_flags.txt, if any.
client_flags_file_for() {
    local home dir stop parent
    home=$(cd "$1" && pwd -P)
    dir=$(cd "$(dirname "$2")" && pwd -P)
    case "$dir/" in
    "$home"/*) stop=$home ;;
    *)
        stop=$dir
        while [ "$stop" != / ] && [[ "$home/" != "$stop"/* ]]; do stop=$(dirname "$stop"); done ;;
    esac
    while [ "$dir" != "$stop" ] || [ "$stop" = "$home" ]; do
        if [ -f "$dir/compile_flags.txt" ]; then
            echo "$dir/compile_flags.txt"
            return
        fi
        [ "$dir" != "$home" ] || break
        parent=$(dirname "$dir")
        [ "$parent" != "$dir" ] || break
        dir=$parent
    done
    [ ! -f "$home/compile_flags.txt" ] || echo "$home/compile_flags.txt"
}

# The flags one source is compiled with, one per line: those of its compile_flags.txt (relative
# paths from that file's folder), then --client-flags (relative to where build.sh was run).
source_flags() {
    local file flags=()
    file=$(client_flags_file_for "$1" "$2")
    if [ -n "$file" ]; then
        mapfile -t flags < <(sed 's/^[[:space:]]*//; s/[[:space:]]*$//; /^$/d; /^#/d' "$file")
        client_flags_check "$file" "$(dirname "$file")" ${flags[@]+"${flags[@]}"}
    fi
    # shellcheck disable=SC2086
    [ -z "${CLIENT_FLAGS_OPT// /}" ] || client_flags_check --client-flags "$CALLER_PWD" $CLIENT_FLAGS_OPT
}

# write_if_changed FILE TEXT: a file make depends on is rewritten only when its text changes.
write_if_changed() {
    mkdir -p "$(dirname "$1")"
    [ -f "$1" ] && [ "$(cat "$1")" = "$2" ] && return 0
    printf '%s\n' "$2" >"$1"
}

# WPP tracing: each `#include "X.tmh"` of the client's sources finds a generated X.tmh in
# $CDIR/wpp (build.mk searches it with -iquote) that includes wskfuzz_wpp.h and defines each trace
# function a `FUNC Name(...)` line of the client's WPP configuration comments names (WPP's
# preprocessor generates them from the same lines): the parameters before MSG are dropped, MSG
# and the rest are only named inside sizeof (wskfuzz_wpp.h says why).
client_wpp_prepare() {
    local cdir=$1 home=$2 srcs=$3 tmhs text t dirs line name params p named i
    # shellcheck disable=SC2086
    tmhs=$(grep -hoE '#[[:space:]]*include[[:space:]]*"[^"]+\.tmh"' $srcs 2>/dev/null | sed 's/.*"\(.*\)"/\1/' | sort -u)
    [ -n "$tmhs" ] || return 0
    # shellcheck disable=SC2086
    dirs=$(for t in $srcs; do dirname "$t"; done; echo "$home")
    text="/* Generated by wskfuzz for the client's #include of a WPP trace header. */"
    while IFS= read -r line; do
        name=$(sed -E 's/^FUNC[[:space:]]+([A-Za-z_][A-Za-z0-9_]*).*/\1/' <<<"$line")
        params=$(sed -E 's/.*\(([^)]*)\)$/\1/; s/[[:space:]]//g' <<<"$line")
        named="" i=0
        for p in ${params//,/ }; do
            [ "$p" = MSG ] || [ "$p" = "..." ] && break
            named="${named}p$i, " i=$((i + 1))
        done
        case ",$params," in
        *,MSG,*) text="$text
#define $name(${named}...) WSKFUZZ_WPP_USE(__VA_ARGS__)" ;;
        *) text="$text
#define $name(...) ((void)0)" ;;
        esac
    done < <(for t in $(echo "$dirs" | sort -u); do ls "$t"/*.h "$t"/*.c 2>/dev/null; done |
        xargs -r grep -hoE 'FUNC[[:space:]]+[A-Za-z_][A-Za-z0-9_]*[[:space:]]*(\{[^}]*\})?[[:space:]]*\([^)]*\)' 2>/dev/null |
        sort -u)
    text="$text
#include <wskfuzz_wpp.h>"
    for t in $tmhs; do
        write_if_changed "$cdir/wpp/$t" "$text"
    done
}

# Everything of a client that is not a source: the flags of each source (shell-quoted, for
# build.mk: flags/<source>.flags) and its WPP headers. Exit 2 on a flag that is not accepted.
client_prepare() {
    local name=$1 srcs=$2 home src flags quoted f
    # A client of the same name was built from other files: its objects and dependency files
    # belong to those (a dependency file naming a source that is gone stops make with "no rule",
    # and an object newer than the new source would be kept). They go.
    if [ "$(cat "$BUILD_DIR/$name/sources" 2>/dev/null)" != "$srcs" ]; then
        rm -rf "$BUILD_DIR/$name/obj"
        mkdir -p "$BUILD_DIR/$name"
        printf '%s' "$srcs" >"$BUILD_DIR/$name/sources"
    fi
    home=$(client_home "$name" "$srcs")
    for src in $srcs; do
        flags=$(source_flags "$home" "$src") || exit 2
        quoted=""
        while IFS= read -r f; do
            [ -n "$f" ] && quoted="$quoted$(printf '%q' "$f") "
        done <<<"$flags"
        write_if_changed "$BUILD_DIR/$name/flags/$(basename "$src" .c).flags" "$quoted"
    done
    client_wpp_prepare "$BUILD_DIR/$name" "$home" "$srcs"
}

# The plug-in contract: a client defines DriverEntry. Checked on the compiled objects.
check_driver_entry() {
    local name=$1 dir=$2
    if ! nm "$dir"/obj/*.o 2>/dev/null | grep -qE ' T DriverEntry$'; then
        die "client '$name' defines no DriverEntry: a client is C files that include WDK headers and define NTSTATUS DriverEntry(PDRIVER_OBJECT, PUNICODE_STRING), which sets DriverObject->DriverUnload"
    fi
}

# Write the flavor's flags stamp only when they change, so make rebuilds exactly then.
write_stamp() {
    local stamp=$BUILD_DIR/flags.stamp text="$CC $CFLAGS | $HARNESS_CC $HARNESS_CFLAGS | $LINK $LDFLAGS $ENGINE_LDFLAGS${STAMP_EXTRA:+ | $STAMP_EXTRA}"
    mkdir -p "$BUILD_DIR"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$text" ]; then
        echo "$text" >"$stamp"
    fi
}

run_make() {
    client_prepare "$1" "$2"
    make -s -r -f build.mk BUILD_DIR="$BUILD_DIR" CC="$CC" CFLAGS="$CFLAGS" HARNESS_CC="$HARNESS_CC" \
        HARNESS_CFLAGS="$HARNESS_CFLAGS" LINK="$LINK" LDFLAGS="$LDFLAGS" \
        ENGINE_LDFLAGS="$ENGINE_LDFLAGS" ENGINE_OBJ="$ENGINE_OBJ" CLIENT_NAME="$1" CLIENT_SRCS="$2" \
        TARGETS="$TARGETS" "$3"
}

# A call to a routine the stub kernel's headers do not declare (an error: build.mk's
# CLIENT_LOUD), said in words once per routine, after the compiler's own message.
explain_undeclared() {
    sed -nE "s/.*(call to undeclared function|implicit declaration of function) ['‘]([A-Za-z_][A-Za-z0-9_]*)['’].*/\2/p" "$1" |
        sort -u | while read -r f; do
            echo "build: $f is not declared by the stub kernel's WDK headers (see docs/kernel-routines.md for what is declared and modeled)" >&2
        done
}

PRINTED_FLAVORS=" "
# Compile, check the plug-in contract, link. Errors show the compiler's own message.
build_client() {
    local flavor=$1 spec=$2 name srcs
    name=$(spec_name "$spec")
    srcs=$(spec_srcs "$spec")
    [ "$flavor" != libfuzzer ] || harness_profile
    flavor_setup "$flavor"
    write_stamp
    case "$PRINTED_FLAVORS" in
    *" $flavor "*) ;;
    *) echo "build: $flavor: client: $CC $CFLAGS; harness: $HARNESS_CC $HARNESS_CFLAGS" >&2
       PRINTED_FLAVORS="$PRINTED_FLAVORS$flavor " ;;
    esac
    make_or_die "$name" "$srcs" objects "build of client '$name' ($flavor) failed"
    check_driver_entry "$name" "$BUILD_DIR/$name"
    make_or_die "$name" "$srcs" all "link of client '$name' ($flavor) failed"
}

# The harness's profile for the libfuzzer flavor (see harness_profile_file): the bundled doc
# client's targets built with the harness instrumented, each run over its seed corpus once, the
# runs merged. Remade only when one of those targets was relinked (make knows when a source or
# header changed) or a corpus folder changed; a profile of the same content is not rewritten, so
# nothing is rebuilt for nothing. The seeds are fixed, so the profile is the same on every machine.
harness_profile() {
    local TARGETS=${ALL_TARGETS:?build.sh sets ALL_TARGETS} dir profile t fresh=true
    if [ -n "${WSKFUZZ_HARNESS_PROFILE:-}" ]; then
        [ -s "$WSKFUZZ_HARNESS_PROFILE" ] ||
            die "WSKFUZZ_HARNESS_PROFILE: no profile at '$WSKFUZZ_HARNESS_PROFILE' (unset it to make one)"
        return 0
    fi
    # its flags are libfuzzer's plus instrumentation: said in words below when the profile is made
    PRINTED_FLAVORS="$PRINTED_FLAVORS$HARNESS_PROFILE_FLAVOR "
    build_client "$HARNESS_PROFILE_FLAVOR" "doc_client|src/doc_client.c"
    dir=$OUT_DIR/$HARNESS_PROFILE_FLAVOR
    profile=$(harness_profile_file)
    [ -s "$profile" ] || fresh=false
    for t in $TARGETS; do
        [ "$dir/doc_client/$t" -nt "$profile" ] && fresh=false
        [ -d "corpus/$t" ] && [ "corpus/$t" -nt "$profile" ] && fresh=false
    done
    $fresh && return 0
    echo "build: harness profile: the seeds through the instrumented harness ($dir/)" >&2
    rm -f "$dir"/*.profraw
    for t in $TARGETS; do
        [ -d "corpus/$t" ] || continue
        LLVM_PROFILE_FILE=$dir/$t.profraw "$dir/doc_client/$t" -runs=0 "corpus/$t" >"$dir/$t.log" 2>&1 ||
            echo "build: the harness profile's run of $t failed (log: $dir/$t.log); the profile goes without it" >&2
    done
    if ! ls "$dir"/*.profraw >/dev/null 2>&1 || ! llvm-profdata merge -o "$profile.new" "$dir"/*.profraw 2>"$dir/merge.log"; then
        echo "build: no harness profile (log: $dir/merge.log): the libfuzzer flavor's harness is built without one" >&2
        rm -f "$profile" "$profile.new"
        return 0
    fi
    if [ -s "$profile" ] && cmp -s "$profile" "$profile.new"; then
        rm -f "$profile.new"
        touch "$profile"
    else
        mv "$profile.new" "$profile"
    fi
}

# make_or_die NAME SRCS GOAL MESSAGE: run_make quietly; on a failure, the compiler's or linker's
# own message, a word on any routine the headers do not declare, then MESSAGE and exit 2.
make_or_die() {
    local log
    log=$(mktemp)
    if ! run_make "$1" "$2" "$3" >"$log" 2>&1; then
        grep -v '^make' "$log" >&2 || true
        explain_undeclared "$log"
        rm -f "$log"
        die "$4"
    fi
    rm -f "$log"
}

# All clients' specs, or exit 2 when one is not usable (checked before anything is built).
CLIENT_SPECS=""
load_client_specs() {
    [ -n "$CLIENT_SPECS" ] && return 0
    CLIENT_SPECS=$(client_specs) || exit 2
    note_client_homes
    local p home src
    # a flag that is not accepted stops the command before anything is built
    while read -r p; do
        [ -n "$p" ] || continue
        home=$(client_home "$(spec_name "$p")" "$(spec_srcs "$p")")
        for src in $(spec_srcs "$p"); do
            source_flags "$home" "$src" >/dev/null || exit 2
        done
    done <<<"$CLIENT_SPECS"
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
        $cc -std=c11 -O1 -g -Wall -Wextra -Istubs/include -Istubs/core -Istubs/wsk -Istubs/host -o "$tool.tmp" \
            fuzz/scenario_tool.c fuzz/scenario.c fuzz/fuzz_input.c stubs/core/status_names.c ||
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
