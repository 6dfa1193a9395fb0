# cmd_merge.sh - ./build.sh merge [--target T] [--client PATH] [--corpus DIR] [--engine afl]:
# bring the inputs a fuzzing run found back into the committed seeds, corpus/<target>/, so that
# the seeds grow only by inputs that add coverage.
#
#   from  $OUT_DIR/corpus/<client>/<target>/  (flat, or AFL++ output: */queue/*), per client,
#         or --corpus DIR (DIR/<target>/ for each target, or with --target, DIR itself);
#   how   libFuzzer -merge=1 with corpus/<target>/ as the first folder: every existing seed is
#         kept, a candidate gets in only if it adds coverage to them (per client, each with its
#         own binary); with --engine afl, afl-cmin then afl-showmap against the seeds' edges;
#   names existing seeds keep their names, a new one is merged-<sha1 of its bytes>;
#   never an existing seed removed or rewritten; never a new seed that fails on a client (the
#         merged ones and the bundled ones, as found and with WSKFUZZ_HOSTILE=1) or does not
#         survive describe -> encode: such inputs
#         are findings, left in $OUT_DIR/merge-rejected/<target>/ to triage. Exit 1 if any.
# WSKFUZZ_SEEDS=DIR merges into DIR/<target>/ instead of corpus/<target>/ (the tests use it).

# merge_candidates SRC DEST: the inputs under SRC, flattened into DEST as <sha1> (duplicates fold).
merge_candidates() {
    local src=$1 dest=$2 f sum
    mkdir -p "$dest"
    [ -d "$src" ] || return 0
    while IFS= read -r -d '' f; do
        sum=$(sha1sum "$f" | cut -c1-40)
        [ -e "$dest/$sum" ] || cp "$f" "$dest/$sum"
    done < <(find "$src" -maxdepth 1 -type f ! -name '.*' -print0
             find "$src" -mindepth 1 -maxdepth 3 -type d -name queue ! -path '*/.*' -print0 |
                 xargs -0 -r -I{} find {} -maxdepth 1 -type f ! -name '.*' -print0)
}

merge_count() { find "$1" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | wc -l; }

# merge_libfuzzer BIN SEEDS CANDS LOG: add to SEEDS the candidates that add coverage. (A
# candidate that crashes is skipped by libFuzzer; its crash file goes next to LOG, not to ./.)
merge_libfuzzer() {
    local bin=$1 seeds=$2 cands=$3 log=$4
    "$bin" -merge=1 -timeout=10 -rss_limit_mb=2560 -merge_control_file="$log.ctl" \
        -artifact_prefix="$(dirname "$log")/" "$seeds" "$cands" >>"$log" 2>&1
}

# merge_afl BIN SEEDS CANDS TMP: afl-cmin the candidates, then keep (smallest first) each one
# whose edges (afl-showmap tuples) are not all covered by the seeds and those kept before it.
merge_afl() {
    local bin=$1 seeds=$2 cands=$3 tmp=$4 f sum
    local show=(afl-showmap -q -m none -t 5000)
    rm -rf "$tmp/min" "$tmp/maps-seeds" "$tmp/maps-min"
    # Our temporary folder is private (mktemp -d), so afl-cmin may use it under /tmp.
    AFL_QUIET=1 AFL_ALLOW_TMP=1 afl-cmin -i "$cands" -o "$tmp/min" -m none -t 5000 -- "$bin" >>"$tmp/log" 2>&1 || return 1
    : >"$tmp/edges"
    if [ "$(merge_count "$seeds")" -gt 0 ]; then
        "${show[@]}" -i "$seeds" -o "$tmp/maps-seeds" -- "$bin" >>"$tmp/log" 2>&1 || true
        cat "$tmp/maps-seeds"/* 2>/dev/null | cut -d: -f1 | sort -u >"$tmp/edges"
    fi
    "${show[@]}" -i "$tmp/min" -o "$tmp/maps-min" -- "$bin" >>"$tmp/log" 2>&1 || true
    while read -r f; do
        [ -f "$tmp/maps-min/$f" ] || continue
        cut -d: -f1 "$tmp/maps-min/$f" | sort -u >"$tmp/one"
        if [ -n "$(comm -23 "$tmp/one" "$tmp/edges")" ]; then
            sum=$(sha1sum "$tmp/min/$f" | cut -c1-40)
            cp "$tmp/min/$f" "$seeds/$sum"
            sort -u "$tmp/edges" "$tmp/one" -o "$tmp/edges"
        fi
    done < <(cd "$tmp/min" && ls -Sr)
}

# merge_check T FILE TMP: why FILE may not become a seed of T (nothing when it may). A seed
# runs clean on every client, as found and with WSKFUZZ_HOSTILE=1 (the corpus test replays it
# so), and survives describe -> encode byte for byte (seeds are reviewed as text).
merge_check() {
    local t=$1 f=$2 tmp=$3 spec c hostile tool=$OUT_DIR/tools/scenario_tool why="" out
    out=$(cd "$OUT_DIR" && pwd)
    while read -r spec; do
        c=$(spec_name "$spec")
        for hostile in 0 1; do
            # Run from TMP: a libFuzzer binary that crashes writes its crash file to ./.
            (cd "$tmp" && WSKFUZZ_HOSTILE=$hostile timeout 60 "$out/$MERGE_FLAVOR/$c/$t" "$f" >/dev/null 2>&1) ||
                why="$why fails on $c$([ "$hostile" = 1 ] && echo ' (WSKFUZZ_HOSTILE=1)');"
        done
    done <<<"$MERGE_CHECK_SPECS"
    if ! "$tool" describe --target "$t" "$f" >"$tmp/text" 2>/dev/null ||
        ! "$tool" encode "$tmp/text" >"$tmp/bytes" 2>/dev/null || ! cmp -s "$f" "$tmp/bytes"; then
        why="$why does not survive describe -> encode;"
    fi
    echo "$why"
}

cmd_merge() {
    [ ${#POSITIONAL[@]} -eq 0 ] || die_usage "merge takes no file arguments ('${POSITIONAL[0]}'); use --corpus DIR"
    local flavor=libfuzzer spec name t tmp src per_target=0 dest=${WSKFUZZ_SEEDS:-corpus}
    if [ "$ENGINE_SET" = 1 ]; then
        case "$ENGINE" in
        libfuzzer) ;;
        afl) flavor=afl; require_tools afl-cmin afl-showmap comm ;;
        *) die_usage "merge uses --engine libfuzzer (default) or afl, not '$ENGINE'" ;;
        esac
    fi
    if [ -n "$CORPUS_DIR" ]; then
        [ -d "$CORPUS_DIR" ] || die "--corpus $CORPUS_DIR: no such folder"
        for t in $TARGETS; do [ -d "$CORPUS_DIR/$t" ] && per_target=1; done
        [ "$per_target" = 1 ] || [ -n "$TARGET_FILTER" ] ||
            die_usage "--corpus $CORPUS_DIR holds no <target>/ folders: say which target it is for (--target T)"
    fi
    require_tools sha1sum
    load_client_specs
    # New seeds are checked on the bundled clients too: the corpus test replays every seed there.
    MERGE_CHECK_SPECS=$CLIENT_SPECS
    if [ ${#CLIENT_PATHS[@]} -gt 0 ]; then
        local user_paths=("${CLIENT_PATHS[@]}") bundled
        CLIENT_PATHS=()
        bundled=$(client_specs)
        CLIENT_PATHS=("${user_paths[@]}")
        MERGE_CHECK_SPECS=$(printf '%s\n%s\n' "$CLIENT_SPECS" "$bundled" | awk -F'|' 'NF && !seen[$1]++')
    fi
    while read -r spec; do
        build_client "$flavor" "$spec"
    done <<<"$MERGE_CHECK_SPECS"
    build_tools
    MERGE_FLAVOR=$flavor

    tmp=$(mktemp -d)
    # shellcheck disable=SC2064
    trap "rm -rf '$tmp'" EXIT
    local total_rejected=0
    for t in $TARGETS; do
        local seeds=$tmp/$t/seeds n_cands=0 n_before f sum bin bad added=0 rejected=0
        mkdir -p "$seeds" "$dest/$t"
        find "$dest/$t" -maxdepth 1 -type f ! -name '.*' -exec cp -p {} "$seeds/" \;
        n_before=$(merge_count "$seeds")
        : >"$tmp/$t/log"
        while read -r spec; do
            name=$(spec_name "$spec")
            if [ -n "$CORPUS_DIR" ]; then
                src=$CORPUS_DIR
                [ "$per_target" = 1 ] && src=$CORPUS_DIR/$t
            else
                src=$OUT_DIR/corpus/$name/$t
            fi
            rm -rf "$tmp/$t/cands"
            merge_candidates "$src" "$tmp/$t/cands"
            [ "$(merge_count "$tmp/$t/cands")" -gt 0 ] || continue
            # Candidates are named by content: "all" counts each input once over the clients.
            mkdir -p "$tmp/$t/all"
            cp -n "$tmp/$t/cands"/* "$tmp/$t/all/"
            n_cands=$(merge_count "$tmp/$t/all")
            bin=$OUT_DIR/$flavor/$name/$t
            if [ "$flavor" = afl ]; then
                merge_afl "$bin" "$seeds" "$tmp/$t/cands" "$tmp/$t" || die "merge: afl-cmin failed on $t ($name): see $tmp/$t/log"
            else
                merge_libfuzzer "$bin" "$seeds" "$tmp/$t/cands" "$tmp/$t/log" ||
                    die "merge: libFuzzer -merge=1 failed on $t ($name): $(grep -m1 -E 'ERROR|error' "$tmp/$t/log")"
            fi
        done <<<"$CLIENT_SPECS"
        # A new input that may not be a seed is a finding: kept aside for triage, not added.
        for f in $(comm -13 <(ls "$dest/$t" | sort) <(ls "$seeds" | sort)); do
            bad=$(merge_check "$t" "$seeds/$f" "$tmp/$t")
            sum=$(sha1sum "$seeds/$f" | cut -c1-40)
            if [ -n "$bad" ]; then
                mkdir -p "$OUT_DIR/merge-rejected/$t"
                cp "$seeds/$f" "$OUT_DIR/merge-rejected/$t/$sum"
                echo "merge: $t: left out $sum:$bad triage it: ./build.sh triage $OUT_DIR/merge-rejected/$t/$sum" >&2
                rejected=$((rejected + 1))
            elif [ ! -e "$dest/$t/merged-$sum" ]; then
                cp "$seeds/$f" "$dest/$t/merged-$sum"
                added=$((added + 1))
            fi
        done
        local note=""
        [ "$rejected" -eq 0 ] || note=", $rejected left out"
        echo "merge: $t: $n_cands candidates, +$added new seeds ($dest/$t: $n_before -> $((n_before + added)))$note"
        total_rejected=$((total_rejected + rejected))
    done
    [ "$total_rejected" -eq 0 ] || return 1
}
