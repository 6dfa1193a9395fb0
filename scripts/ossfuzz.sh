# ossfuzz.sh - the OSS-Fuzz / ClusterFuzzLite build mode of build.sh (sourced by lib.sh).
# With $OUT and $LIB_FUZZING_ENGINE set: compile with $CC $CFLAGS, link with $CXX $CXXFLAGS
# $LIB_FUZZING_ENGINE, and write to $OUT each target with <target>_seed_corpus.zip,
# <target>.dict and <target>.options. Objects go to $WORK; nothing is written anywhere else
# (with no $WORK, a temporary folder is used and removed).
#
# Binary names: the bundled clients give <target>-<client> (9 fuzzers); a single --client gives
# the plain target names, several --client give <target>-<client> too.

# Copy one target's seeds, dictionary and options next to its binary, named after the binary.
ossfuzz_target_files() {
    local t=$1 bin=$2
    if [ -f "fuzz/$t.dict" ]; then
        cp "fuzz/$t.dict" "$OUT/$bin.dict"
    else
        echo "build: oss-fuzz: warning: no fuzz/$t.dict" >&2
    fi
    if [ -f "fuzz/$t.options" ]; then
        # A "dict =" line must name the dictionary as it is called in $OUT.
        sed "s/^\([[:space:]]*dict[[:space:]]*=[[:space:]]*\).*/\1$bin.dict/" "fuzz/$t.options" >"$OUT/$bin.options"
    else
        echo "build: oss-fuzz: warning: no fuzz/$t.options" >&2
    fi
    rm -f "$OUT/${bin}_seed_corpus.zip"
    if [ -n "$(find "corpus/$t" -maxdepth 1 -type f 2>/dev/null | head -1)" ]; then
        # -j: flat archive (ClusterFuzz unpacks it into one folder); -X: no uid/time extras.
        find "corpus/$t" -maxdepth 1 -type f | sort | zip -q -j -X "$OUT/${bin}_seed_corpus.zip" -@
    else
        echo "build: oss-fuzz: warning: corpus/$t is empty, no ${bin}_seed_corpus.zip" >&2
    fi
}

build_ossfuzz() {
    local spec name t bin n_clients tmp_work=""
    require_tools make zip readelf
    if [ -z "${WORK:-}" ]; then
        tmp_work=$(mktemp -d)
        # shellcheck disable=SC2064
        trap "rm -rf '$tmp_work'" EXIT
    fi
    CC=${CC:-clang}
    CFLAGS=${CFLAGS:-}
    # The whole binary gets OSS-Fuzz's flags (its build checks count sanitizer calls and
    # coverage edges over the binary), the stub kernel included.
    HARNESS_CC=$CC
    HARNESS_CFLAGS=$CFLAGS
    LINK="${CXX:-clang++} ${CXXFLAGS:-}"
    LDFLAGS=""
    ENGINE_LDFLAGS=$LIB_FUZZING_ENGINE
    ENGINE_OBJ=""
    BUILD_DIR=${WORK:-$tmp_work}/wskfuzz
    echo "build: oss-fuzz: CC=$CC CFLAGS=$CFLAGS" >&2
    echo "build: oss-fuzz: link: $LINK ... $LIB_FUZZING_ENGINE" >&2
    write_stamp
    mkdir -p "$OUT"
    load_client_specs
    n_clients=$(grep -c . <<<"$CLIENT_SPECS")
    while read -r spec; do
        name=$(spec_name "$spec")
        MAKEFLAGS="-j$(nproc 2>/dev/null || echo 2)" run_make "$name" "$(spec_srcs "$spec")" all ||
            die "oss-fuzz build of client '$name' failed"
        for t in $TARGETS; do
            bin=$t
            if [ ${#CLIENT_PATHS[@]} -eq 0 ] || [ "$n_clients" -gt 1 ]; then bin=$t-$name; fi
            cp "$BUILD_DIR/$name/$t" "$OUT/$bin"
            ossfuzz_target_files "$t" "$bin"
        done
    done <<<"$CLIENT_SPECS"
}
