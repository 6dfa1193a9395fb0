# t_ossfuzz.sh - the OSS-Fuzz / ClusterFuzzLite build contract. ./build.sh runs with the
# variables OSS-Fuzz's base-builder image sets (libFuzzer + ASan, libFuzzer + UBSan, AFL++ +
# ASan) into a temporary $OUT and $WORK; we check the files OSS-Fuzz expects, that nothing
# was written anywhere else, and run every binary the way OSS-Fuzz's bad-build check does.
#
# The flag values are base-builder's (its Dockerfile and the `compile` script):
#   CFLAGS   = base-clang's CFLAGS + SANITIZER_FLAGS_<sanitizer> + COVERAGE_FLAGS (none for afl)
#   CXXFLAGS = CFLAGS + CXXFLAGS_EXTRA (-stdlib=libc++, when this toolchain has libc++)
#   libFuzzer: LIB_FUZZING_ENGINE=-fsanitize=fuzzer; AFL++: CC=afl-clang-fast, and
#   LIB_FUZZING_ENGINE is AFL++'s libAFLDriver.a (compile_afl copies it to /usr/lib/libFuzzingEngine.a).

OFZ_BASE_CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
OFZ_ASAN="-fsanitize=address -fsanitize-address-use-after-scope"
OFZ_UB_CHECKS="array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr"
OFZ_UBSAN="-fsanitize=$OFZ_UB_CHECKS,unsigned-integer-overflow -fno-sanitize-recover=$OFZ_UB_CHECKS"
# bad_build_check's thresholds.
OFZ_MIN_EDGES=100
OFZ_ASAN_CALLS_MIN=1000
OFZ_UBSAN_CALLS_MIN=168
OFZ_UBSAN_CALLS_MAX_NON_UBSAN=200

# The AFL++ driver archive: Debian's place, else next to afl-fuzz; else let afl-clang-fast
# pick it (-fsanitize=fuzzer links the same libAFLDriver).
ofz_afl_driver() {
    local d
    for d in /usr/lib/afl /usr/local/lib/afl "$(dirname "$(command -v afl-fuzz)")/../lib/afl"; do
        [ -f "$d/libAFLDriver.a" ] && { echo "$d/libAFLDriver.a"; return; }
    done
    echo "-fsanitize=fuzzer"
}

# The targets (fuzz/targets.def), and the bundled clients build.sh knows.
ofz_targets() { wskfuzz_targets; }
ofz_bundled() { sed -n 's/^BUNDLED_CLIENTS="\(.*\)"/\1/p' build.sh; }

# ofz_build MODE TMP [build.sh args]: run build.sh in OSS-Fuzz mode under a clean environment
# (base-builder's variables only; HOME and TMPDIR empty folders we check afterwards).
ofz_build() {
    local mode=$1 tmp=$2
    shift 2
    local cc=clang cxx=clang++ engine=-fsanitize=fuzzer fe=libfuzzer san=address cflags
    case "$mode" in
    libfuzzer-address) cflags="$OFZ_BASE_CFLAGS $OFZ_ASAN -fsanitize=fuzzer-no-link" ;;
    libfuzzer-undefined) cflags="$OFZ_BASE_CFLAGS $OFZ_UBSAN -fsanitize=fuzzer-no-link"; san=undefined ;;
    afl-address) cflags="$OFZ_BASE_CFLAGS $OFZ_ASAN"; cc=afl-clang-fast; cxx=afl-clang-fast++
                 engine=$(ofz_afl_driver); fe=afl ;;
    esac
    mkdir -p "$tmp/out" "$tmp/work" "$tmp/home" "$tmp/tmpdir" "$tmp/src"
    # As in the ClusterFuzzLite image: the repo at $SRC/wskfuzz, our script at $SRC/build.sh,
    # run by `compile` as bash -eu from the WORKDIR. Without arguments that script is the entry.
    ln -s "$ROOT" "$tmp/src/wskfuzz"
    cp .clusterfuzzlite/build.sh "$tmp/src/build.sh"
    local entry=(./build.sh "$@")
    [ $# -gt 0 ] || entry=(bash -eu "$tmp/src/build.sh")
    env -i PATH="$PATH" HOME="$tmp/home" TMPDIR="$tmp/tmpdir" LANG=C.UTF-8 \
        SRC="$tmp/src" OUT="$tmp/out" WORK="$tmp/work" ARCHITECTURE=x86_64 \
        FUZZING_ENGINE=$fe SANITIZER=$san FUZZING_LANGUAGE=c \
        CC=$cc CXX=$cxx CCC=$cxx CFLAGS="$cflags" CXXFLAGS="$cflags $OFZ_CXXFLAGS_EXTRA" \
        LIB_FUZZING_ENGINE="$engine" \
        UBSAN_OPTIONS=silence_unsigned_overflow=1 \
        AFL_QUIET=1 AFL_IGNORE_UNKNOWN_ENVS=1 \
        ASAN_OPTIONS=detect_leaks=0:symbolize=0:detect_odr_violation=0:abort_on_error=1 \
        "${entry[@]}" >"$tmp/build.log" 2>&1
}

# ofz_count_calls BIN: "ASAN UBSAN", the calls into each sanitizer runtime, counted as
# bad_build_check does (call instructions whose target is an __asan / __ubsan symbol).
ofz_count_calls() {
    objdump -d "$1" 2>/dev/null |
        awk '/callq?[ \t]+[0-9a-f]+[ \t]+<__asan/ { a++ } /callq?[ \t]+[0-9a-f]+[ \t]+<__ubsan/ { u++ }
             END { print a + 0, u + 0 }'
}

# ofz_check_files MODE OUT BINS...: the files OSS-Fuzz expects, and nothing else in $OUT.
ofz_check_files() {
    local mode=$1 out=$2 b t bad="" expected="" n_zip n_seeds f
    shift 2
    for b in "$@"; do
        t=${b%%-*}
        [ -x "$out/$b" ] || bad="$bad $b(missing)"
        [ -f "$out/$b.dict" ] || bad="$bad $b.dict(missing)"
        [ -f "$out/$b.options" ] || bad="$bad $b.options(missing)"
        if [ -f "$out/${b}_seed_corpus.zip" ]; then
            n_zip=$(unzip -Z1 "$out/${b}_seed_corpus.zip" 2>/dev/null | grep -vc '/$' || true)
            n_seeds=$(find "corpus/$t" -maxdepth 1 -type f | wc -l)
            [ "$n_zip" -eq "$n_seeds" ] || bad="$bad ${b}_seed_corpus.zip($n_zip files, corpus/$t has $n_seeds)"
            ! unzip -Z1 "$out/${b}_seed_corpus.zip" | grep -q / || bad="$bad ${b}_seed_corpus.zip(not flat)"
        else
            bad="$bad ${b}_seed_corpus.zip(missing)"
        fi
        if [ -f "$out/$b.options" ]; then
            grep -q '^\[libfuzzer\]' "$out/$b.options" || bad="$bad $b.options(no [libfuzzer] section)"
            if grep -qE '^[[:space:]]*dict[[:space:]]*=' "$out/$b.options" &&
                ! grep -qE "^[[:space:]]*dict[[:space:]]*=[[:space:]]*$b\.dict[[:space:]]*$" "$out/$b.options"; then
                bad="$bad $b.options(dict names another file)"
            fi
        fi
        # Dictionary lines: comments, blanks, or [name=]"value" (libFuzzer/AFL syntax).
        if [ -f "$out/$b.dict" ] &&
            grep -vE '^[[:space:]]*(#.*)?$' "$out/$b.dict" | grep -qvE '^[[:space:]]*([A-Za-z0-9_]+[[:space:]]*=[[:space:]]*)?".*"[[:space:]]*$'; then
            bad="$bad $b.dict(bad line)"
        fi
        expected="$expected $b $b.dict $b.options ${b}_seed_corpus.zip"
    done
    while IFS= read -r f; do
        case " $expected " in *" $f "*) ;; *) bad="$bad $f(unexpected in \$OUT)" ;; esac
    done < <(find "$out" -mindepth 1 -maxdepth 1 -printf '%f\n')
    if [ -z "$bad" ]; then pass "ossfuzz:$mode:files ($# targets)"; else fail "ossfuzz:$mode:files" "$bad"; fi
}

# Nothing outside $OUT and $WORK: the repo (tracked, untracked and ignored files), HOME, TMPDIR.
ofz_check_nothing_else() {
    local mode=$1 tmp=$2 status_before=$3 written
    written=$(find . -path ./.git -prune -o -newer "$tmp/marker" -print | head -5 | tr '\n' ' ')
    written="$written$(find "$tmp/home" "$tmp/tmpdir" -mindepth 1 | head -5 | tr '\n' ' ')"
    if [ -d .git ] && [ "$(git status --porcelain 2>/dev/null)" != "$status_before" ]; then
        written="$written(git status changed)"
    fi
    if [ -z "$written" ]; then pass "ossfuzz:$mode:writes-only-out-and-work"; else fail "ossfuzz:$mode:writes-only-out-and-work" "$written"; fi
}

# bad_build_check for libFuzzer binaries: 4 runs from nothing, the seed corpus runs clean,
# enough coverage edges, and the right sanitizer (calls into its runtime counted).
ofz_check_libfuzzer() {
    local mode=$1 out=$2 b log seeds edges asan ubsan bad="" run
    shift 2
    run=$(mktemp -d "$TEST_TMP/ofzrun.XXXX")
    for b in "$@"; do
        log=$run/$b.log
        seeds=$run/$b.seeds
        mkdir -p "$run/empty" "$seeds"
        unzip -q -o "$out/${b}_seed_corpus.zip" -d "$seeds" 2>/dev/null
        if ! (cd "$run" && UBSAN_OPTIONS=silence_unsigned_overflow=1 timeout 60 "$out/$b" -seed=1337 -runs=4 empty) >"$log" 2>&1 ||
            ! grep -q 'Done 4 runs' "$log" || grep -q 'no interesting inputs were found' "$log"; then
            bad="$bad $b(runs=4: $(grep -m1 -E 'ERROR|VIOLATION' "$log"))"
            continue
        fi
        edges=$(sed -nE 's/.*Loaded [0-9]+ modules +\(([0-9]+) .*/\1/p' "$log" | head -1)
        [ "${edges:-0}" -ge "$OFZ_MIN_EDGES" ] || bad="$bad $b(${edges:-0} edges < $OFZ_MIN_EDGES)"
        if ! (cd "$run" && UBSAN_OPTIONS=silence_unsigned_overflow=1 timeout 120 "$out/$b" -seed=1337 -runs=4 \
            -rss_limit_mb=2560 -timeout=25 "$seeds") >"$log" 2>&1; then
            bad="$bad $b(seed corpus: $(grep -m1 -E 'ERROR|VIOLATION' "$log"))"
        fi
        read -r asan ubsan < <(ofz_count_calls "$out/$b")
        case "$mode" in
        *-address)
            [ "$asan" -ge "$OFZ_ASAN_CALLS_MIN" ] || bad="$bad $b(only $asan ASan calls)"
            [ "$ubsan" -le "$OFZ_UBSAN_CALLS_MAX_NON_UBSAN" ] || bad="$bad $b($ubsan UBSan calls in an ASan build)" ;;
        *-undefined)
            [ "$asan" -eq 0 ] || bad="$bad $b($asan ASan calls in a UBSan build)"
            [ "$ubsan" -ge "$OFZ_UBSAN_CALLS_MIN" ] || bad="$bad $b(only $ubsan UBSan calls)" ;;
        esac
    done
    if [ -z "$bad" ]; then pass "ossfuzz:$mode:bad-build-check ($# binaries)"; else fail "ossfuzz:$mode:bad-build-check" "$bad"; fi
}

# For AFL++ driver binaries: each seed fed as a file runs clean, then afl-fuzz starts on the
# seeds ("All set and ready to roll", as bad_build_check looks for) and finds no crash at once.
ofz_check_afl() {
    local mode=$1 out=$2 b log seeds asan bad="" run
    shift 2
    run=$(mktemp -d "$TEST_TMP/ofzrun.XXXX")
    for b in "$@"; do
        log=$run/$b.log
        seeds=$run/$b.seeds
        mkdir -p "$seeds"
        unzip -q -o "$out/${b}_seed_corpus.zip" -d "$seeds" 2>/dev/null
        if [ -z "$(ls -A "$seeds")" ]; then
            bad="$bad $b(no seeds to feed)"
            continue
        fi
        if ! (cd "$run" && ASAN_OPTIONS=abort_on_error=1:symbolize=0 timeout 120 "$out/$b" "$seeds"/*) >"$log" 2>&1; then
            bad="$bad $b(seed run: $(grep -m1 -E 'ERROR|VIOLATION' "$log"))"
            continue
        fi
        read -r asan _ < <(ofz_count_calls "$out/$b")
        [ "$asan" -ge "$OFZ_ASAN_CALLS_MIN" ] || bad="$bad $b(only $asan ASan calls)"
        if command -v afl-fuzz >/dev/null 2>&1; then
            AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_FORKSRV_INIT_TMOUT=30000 \
                AFL_NO_AFFINITY=1 ASAN_OPTIONS=abort_on_error=1:symbolize=0 \
                timeout -s INT 30 afl-fuzz -V 2 -i "$seeds" -o "$run/$b.afl" -- "$out/$b" >"$log" 2>&1
            if ! grep -q 'All set and ready to roll' "$log" || grep -qE 'target binary (crashed|terminated)' "$log"; then
                bad="$bad $b(afl-fuzz: $(grep -m1 -E 'PROGRAM ABORT|crashed|terminated' "$log" | tr -d '\033'))"
            fi
        fi
    done
    if [ -z "$bad" ]; then pass "ossfuzz:$mode:bad-build-check ($# binaries)"; else fail "ossfuzz:$mode:bad-build-check" "$bad"; fi
}

# ofz_mode MODE BINS -- BUILD_ARGS...
ofz_mode() {
    local mode=$1 bins=() tmp status_before=""
    shift
    while [ "$1" != -- ]; do bins+=("$1"); shift; done
    shift
    tmp=$(mktemp -d "$TEST_TMP/ossfuzz-$mode.XXXX")
    [ -d .git ] && status_before=$(git status --porcelain 2>/dev/null)
    touch "$tmp/marker"
    sleep 0.01
    if ! ofz_build "$mode" "$tmp" "$@"; then
        fail "ossfuzz:$mode:build" "$(grep -v warning "$tmp/build.log" | tail -3 | tr '\n' ' ')"
        return
    fi
    pass "ossfuzz:$mode:build"
    ofz_check_nothing_else "$mode" "$tmp" "$status_before"
    ofz_check_files "$mode" "$tmp/out" "${bins[@]}"
    case "$mode" in
    afl-*) ofz_check_afl "$mode" "$tmp/out" "${bins[@]}" ;;
    *) ofz_check_libfuzzer "$mode" "$tmp/out" "${bins[@]}" ;;
    esac
}

t_ossfuzz() {
    local t c all=() plain=() probe
    for t in $(ofz_targets); do
        plain+=("$t")
        for c in $(ofz_bundled); do all+=("$t-$c"); done
    done
    # base-builder links C++ with libc++; use it when this toolchain has it.
    probe=$(mktemp -d "$TEST_TMP/ofzprobe.XXXX")
    OFZ_CXXFLAGS_EXTRA=""
    if echo 'int main(void){return 0;}' >"$probe/p.c" && clang -c "$probe/p.c" -o "$probe/p.o" 2>/dev/null &&
        clang++ -stdlib=libc++ "$probe/p.o" -o "$probe/p" 2>/dev/null; then
        OFZ_CXXFLAGS_EXTRA="-stdlib=libc++"
    fi
    # The bundled clients (names <target>-<client>) through .clusterfuzzlite/build.sh once; one
    # client (plain names) for the others.
    ofz_mode libfuzzer-address "${all[@]}" --
    ofz_mode libfuzzer-undefined "${plain[@]}" -- --client src/doc_client.c
    if command -v afl-clang-fast >/dev/null 2>&1; then
        ofz_mode afl-address "${plain[@]}" -- --client src/doc_client.c
    else
        fail ossfuzz:afl-address "afl-clang-fast is missing (./build.sh deps)"
    fi
}
