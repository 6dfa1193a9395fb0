# cmd_triage.sh - ./build.sh triage FILE|DIR...: reproduce, bucket, minimize and decode crash files
# into $OUT_DIR/report/ (scripts/triage.py does the work; this file finds out which client and
# target each file belongs to and builds the reproducers). Also used by `fuzz`.
#
# A file's target and client come from its path (.../<client>/<target>/FILE, as in
# $OUT_DIR/crashes/) or from --target / --client. Named files must be non-empty inputs of at most
# 1 MiB; a folder is searched for files (an engine may save an empty crash input there).

TRIAGE_MAX_BYTES=$((1 << 20))
TRIAGE_ALL_TARGETS=$ALL_TARGETS

# The spec ("name|sources") of the client called NAME: --client wins, then what `fuzz` noted in
# $OUT_DIR/crashes/NAME/.client, then the bundled src/NAME.c.
triage_client_spec() {
    local name=$1 spec noted
    if [ ${#CLIENT_PATHS[@]} -eq 1 ]; then
        load_client_specs
        echo "$CLIENT_SPECS"
        return 0
    fi
    if [ ${#CLIENT_PATHS[@]} -gt 1 ]; then
        load_client_specs
        while read -r spec; do
            [ "$(spec_name "$spec")" = "$name" ] && { echo "$spec"; return 0; }
        done <<<"$CLIENT_SPECS"
        return 1
    fi
    noted=$OUT_DIR/crashes/$name/.client
    if [ -f "$noted" ]; then
        spec=$(cat "$noted")
        local s ok=1
        for s in $(spec_srcs "$spec"); do [ -f "$s" ] || ok=0; done
        [ $ok = 1 ] && { echo "$spec"; return 0; }
    fi
    [ -f "src/$name.c" ] && { echo "$name|src/$name.c"; return 0; }
    return 1
}

# "target client" from the path: the nearest folder named like a target, and the one above it.
triage_path_names() {
    local dir target="" client=""
    dir=$(cd "$(dirname "$1")" && pwd)
    while [ "$dir" != / ] && [ -n "$dir" ]; do
        case " $TRIAGE_ALL_TARGETS " in
        *" $(basename "$dir") "*)
            target=$(basename "$dir")
            client=$(basename "$(dirname "$dir")")
            break
            ;;
        esac
        dir=$(dirname "$dir")
    done
    echo "$target" "$client"
}

# Append "path|client|target|spec" for one crash file to TRIAGE_LIST, or die with one line.
triage_add_file() {
    local f=$1 names target client spec
    names=$(triage_path_names "$f")
    target=${names% *}
    client=${names#* }
    [ -n "$TARGET_FILTER" ] && target=$TARGET_FILTER
    [ -n "$target" ] || die "$f: cannot tell which target it is for: keep it under <client>/<target>/ or give --target"
    [ -n "$client" ] || [ ${#CLIENT_PATHS[@]} -eq 1 ] ||
        die "$f: cannot tell which client it is for: keep it under <client>/<target>/ or give --client"
    spec=$(triage_client_spec "$client") ||
        die "$f: client '$client' is not bundled and was not fuzzed here: give its source with --client PATH"
    TRIAGE_LIST+="$f|$(spec_name "$spec")|$target|$spec"$'\n'
}

# Check the named paths and list their files, before anything is built or replayed.
triage_collect() {
    local p f size
    TRIAGE_LIST=""
    for p in "$@"; do
        if [ -d "$p" ]; then
            while IFS= read -r -d '' f; do
                triage_add_file "$f"
            done < <(find "$p" -type f ! -name '.*' ! -path '*/.*' -print0 | sort -z)
        elif [ -f "$p" ]; then
            [ -r "$p" ] || die "$p: cannot read the crash file"
            size=$(stat -c %s "$p")
            [ "$size" -gt 0 ] || die "$p: empty crash file: there is nothing to replay"
            [ "$size" -le $TRIAGE_MAX_BYTES ] ||
                die "$p: corrupt crash file: $size bytes, more than the $TRIAGE_MAX_BYTES an input can have"
            triage_add_file "$p"
        elif [ -e "$p" ]; then
            die "$p: not a crash file or a folder"
        else
            die "$p: no such file or folder"
        fi
    done
}

# Build the standalone reproducer and the libFuzzer build (ASan + UBSan, for sanitizer reports and
# minimization) of every client in TRIAGE_LIST, for the targets its files need; write the job file.
triage_prepare() {
    local jobs=$1 path client target spec specs="" t targets saved_targets=$TARGETS
    : >"$jobs"
    while IFS='|' read -r path client target spec; do
        [ -n "$path" ] || continue
        case "$specs" in *"<$client|"*) ;; *) specs+="<$spec>" ;; esac
    done <<<"$TRIAGE_LIST"
    local rest=$specs one
    while [ -n "$rest" ]; do
        one=${rest#<}
        one=${one%%>*}
        rest=${rest#*>}
        client=$(spec_name "$one")
        targets=$(printf '%s\n' "$TRIAGE_LIST" | awk -F'|' -v c="$client" '$2 == c {print $3}' | sort -u | tr '\n' ' ')
        TARGETS=$targets
        if [ "${TRIAGE_BUILT:-0}" = 0 ]; then
            build_client libfuzzer "$one"
            build_client standalone "$one"
        fi
    done
    TARGETS=$saved_targets
    build_tools
    while IFS='|' read -r path client target spec; do
        [ -n "$path" ] || continue
        t=$OUT_DIR/libfuzzer/$client/$target
        [ -x "$t" ] || t=-
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$path" "$client" "$target" "$OUT_DIR/standalone/$client/$target" "$t" \
            "$(spec_srcs "$spec")" >>"$jobs"
    done <<<"$TRIAGE_LIST"
}

# run.json for the report: how this report came about. Arguments: command, then key=value pairs.
triage_run_info() {
    python3 - "$@" <<'EOF'
import json, sys
info = {"command": sys.argv[1], "command_line": sys.argv[2], "engine": None, "time_budget_seconds": None,
        "jobs": None, "clients": [], "targets": [], "interrupted": False}
for kv in sys.argv[3:]:
    k, v = kv.split("=", 1)
    if k in ("clients", "targets"):
        info[k] = v.split()
    elif k in ("time_budget_seconds", "jobs"):
        info[k] = int(v)
    elif k == "interrupted":
        info[k] = v == "1"
    else:
        info[k] = v
print(json.dumps(info))
EOF
}

# Replay TRIAGE_LIST and write the report. Returns triage.py's status: 0 none, 1 findings.
triage_run() {
    local work=$1 run_json=$2 rc=0
    triage_prepare "$work/jobs.tsv"
    python3 scripts/triage.py --root "$ROOT" --out-dir "$OUT_DIR" --jobs "$work/jobs.tsv" --run "$run_json" \
        --minimize-time "${WSKFUZZ_MINIMIZE_TIME:-10}" || rc=$?
    case $rc in
    0 | 1 | 130) return $rc ;;
    *) die "triage failed (triage.py exit $rc); the earlier report is unchanged" ;;
    esac
}

cmd_triage() {
    [ ${#POSITIONAL[@]} -gt 0 ] || die_usage "triage takes crash files or folders of them"
    require_tools python3 clang
    triage_collect "${POSITIONAL[@]}"
    local work rc=0 clients targets
    work=$(mktemp -d "${TMPDIR:-/tmp}/wskfuzz-triage.XXXXXX")
    TRIAGE_WORK=$work
    trap 'rm -rf "$TRIAGE_WORK"' EXIT
    clients=$(printf '%s' "$TRIAGE_LIST" | awk -F'|' 'NF {print $2}' | sort -u | tr '\n' ' ')
    targets=$(printf '%s' "$TRIAGE_LIST" | awk -F'|' 'NF {print $3}' | sort -u | tr '\n' ' ')
    triage_run_info triage "./build.sh triage ${POSITIONAL[*]}" "clients=$clients" "targets=$targets" \
        >"$work/run.json"
    triage_run "$work" "$work/run.json" || rc=$?
    exit $rc
}
