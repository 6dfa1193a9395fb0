# cmd_fuzz.sh - ./build.sh fuzz: the main job. Build what is missing, fuzz every target of every
# client within the time budget (split across the runs), triage what was found, write the report
# and the coverage report. Exit 0: no finding, 1: findings, 2: usage or build error, 130: stopped
# by a signal before anything was found.
#
# Every engine process runs in a process group of its own, so a time-out or Ctrl-C (SIGINT or
# SIGTERM) stops it with all its children; crash files are gathered in a work folder and copied
# into $OUT_DIR/crashes/<client>/<target>/ without overwriting (names are content hashes).

# shellcheck source=scripts/cmd_triage.sh
. "$ROOT/scripts/cmd_triage.sh"
# shellcheck source=scripts/cmd_coverage.sh
. "$ROOT/scripts/cmd_coverage.sh"

FUZZ_PGIDS=()        # process groups still to stop
FUZZ_STOP=0          # set by the signal trap: no new run starts
FUZZ_INTERRUPTED=0
FUZZ_WORK=""
FUZZ_PROGRESS_EVERY=3 # seconds between progress lines (the promise is 5; a loaded machine is slow)
FUZZ_GRACE=2          # seconds an engine may overstay its share (fork jobs, AFL's start-up) before it is stopped

# Start a command in a new session (its own process group) in the background; FUZZ_PID is its pid.
# (stdin is /dev/null: the callers loop over a here-string that a child must not read.)
fuzz_spawn() {
    setsid "$@" </dev/null &
    FUZZ_PID=$!
    FUZZ_PGIDS+=("$FUZZ_PID")
}

# AFL++ starts each target's fork server in a session of its own (setsid), so the fork servers
# and their persistent-mode children are not in afl-fuzz's group, and a stopped child can outlive
# afl-fuzz. Their groups are noted while they run and killed with the rest.
FUZZ_FSRV_GROUPS=()
fuzz_note_forkservers() {
    local p c
    for p in "$@"; do
        for c in $(pgrep -P "$p" 2>/dev/null); do
            case " ${FUZZ_FSRV_GROUPS[*]} " in *" $c "*) ;; *) FUZZ_FSRV_GROUPS+=("$c") ;; esac
        done
    done
}

# Kill what is left of the noted fork-server groups: only processes that run one of our binaries
# (a pid may have been reused since it was noted).
fuzz_kill_forkservers() {
    local g q
    for g in "${FUZZ_FSRV_GROUPS[@]}"; do
        for q in $(pgrep -g "$g" 2>/dev/null); do
            case "$(tr '\0' ' ' <"/proc/$q/cmdline" 2>/dev/null)" in
            "$OUT_DIR"/*) kill -KILL "$q" 2>/dev/null || true ;;
            esac
        done
    done
    FUZZ_FSRV_GROUPS=()
}

# Stop everything we started: the engines' process groups (TERM, a grace period, then KILL; then
# reap them), then what is left of AFL++'s fork servers.
fuzz_stop_groups() {
    fuzz_stop_pgids
    fuzz_kill_forkservers
}

fuzz_stop_pgids() {
    local g alive i
    [ ${#FUZZ_PGIDS[@]} -gt 0 ] || return 0
    for g in "${FUZZ_PGIDS[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
    for i in 1 2 3 4 5 6 7 8 9 10; do
        alive=0
        for g in "${FUZZ_PGIDS[@]}"; do kill -0 -- "-$g" 2>/dev/null && alive=1; done
        [ $alive = 0 ] && break
        sleep 0.3
    done
    for g in "${FUZZ_PGIDS[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
    for g in "${FUZZ_PGIDS[@]}"; do wait "$g" 2>/dev/null || true; done
    FUZZ_PGIDS=()
}

fuzz_on_signal() {
    if [ $FUZZ_STOP = 0 ]; then
        echo "fuzz: interrupted: stopping the fuzzers, then triaging what they found" >&2
    fi
    FUZZ_STOP=1
    FUZZ_INTERRUPTED=1
    fuzz_stop_groups
}

# After the fuzzing phase a signal ends everything; the earlier report stays as it was.
fuzz_on_signal_late() {
    echo "fuzz: interrupted during triage or coverage: the earlier report is unchanged" >&2
    fuzz_stop_groups
    exit 130
}

fuzz_cleanup() {
    fuzz_stop_groups
    [ -n "$FUZZ_WORK" ] && rm -rf "$FUZZ_WORK"
    return 0
}

# The target's options file as engine flags. libFuzzer: every key of [libfuzzer] as -key=value;
# AFL++: max_len as -G. A dict given there is taken relative to fuzz/.
fuzz_options() {
    local target=$1 engine=$2 f=fuzz/$1.options section="" line key val
    [ -f "$f" ] || return 0
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%%#*}
        line=$(echo "$line" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
        if [[ $line =~ ^\[(.*)\]$ ]]; then
            section=${BASH_REMATCH[1]}
            continue
        fi
        [[ $line =~ ^([A-Za-z_]+)[[:space:]]*=[[:space:]]*(.*)$ ]] || continue
        key=${BASH_REMATCH[1]}
        val=${BASH_REMATCH[2]}
        [ "$section" = libfuzzer ] || continue
        [ "$key" = dict ] && [ "${val#/}" = "$val" ] && val=fuzz/$val
        case "$engine" in
        libfuzzer) echo "-$key=$val" ;;
        afl) [ "$key" = max_len ] && printf '%s\n' -G "$val" ;;
        esac
    done <"$f"
}

# Number of files in a folder (0 when it does not exist).
fuzz_count() {
    local n
    n=$(find "$1" -maxdepth 1 -type f 2>/dev/null | wc -l)
    echo "$n"
}

fuzz_progress() {
    local label=$1 elapsed=$2 secs=$3 runs=$4 eps=$5 cov=$6 corp=$7 found=$8
    printf 'fuzz: %s  %3ds/%ds  runs %s  exec/s %s  cov %s  corpus %s  findings %s\n' \
        "$label" "$elapsed" "$secs" "$runs" "$eps" "$cov" "$corp" "$found"
}

# Copy this run's crash inputs (staged in $1) into $2 = $OUT_DIR/crashes/<client>/<target>/ and
# list them for triage. An input found before keeps its file (and so its first-seen time).
fuzz_collect() {
    local staged=$1 dest=$2 spec=$3 target=$4 f name
    [ -d "$staged" ] || return 0
    mkdir -p "$dest"
    for f in "$staged"/*; do
        [ -f "$f" ] || continue
        name=$(basename "$f")
        case "$name" in slow-unit-*) continue ;; esac
        [ -e "$dest/$name" ] || cp "$f" "$dest/$name"
        case "$FUZZ_TRIAGE_SEEN" in *"|$dest/$name|"*) continue ;; esac
        FUZZ_TRIAGE_SEEN+="|$dest/$name|"
        TRIAGE_LIST+="$dest/$name|$(spec_name "$spec")|$target|$spec"$'\n'
    done
}

# ---- libFuzzer: fork mode (-fork=JOBS) keeps going after crashes; our triage deduplicates ----
fuzz_run_libfuzzer() {
    local spec=$1 target=$2 secs=$3 label=$4 name bin corpus staged log args=() seeds=()
    name=$(spec_name "$spec")
    bin=$OUT_DIR/libfuzzer/$name/$target
    corpus=$OUT_DIR/corpus/$name/$target
    staged=$FUZZ_WORK/found/$name/$target
    log=$FUZZ_WORK/logs/$name-$target.log
    mkdir -p "$corpus" "$staged" "$FUZZ_WORK/tmp" "$FUZZ_WORK/logs"
    # A second of the share is kept for start-up and wrap-up (the merge of the last jobs' finds).
    local limit=$secs
    [ "$secs" -ge 4 ] && limit=$((secs - 1))
    args=(-fork="$JOBS" -ignore_crashes=1 -max_total_time="$limit" -timeout=10 -artifact_prefix="$staged/")
    mapfile -t -O ${#args[@]} args < <(fuzz_options "$target" libfuzzer)
    if [ -f "fuzz/$target.dict" ] && ! printf '%s\n' "${args[@]}" | grep -q '^-dict='; then
        args+=(-dict="fuzz/$target.dict")
    fi
    [ -d "corpus/$target" ] && seeds=("corpus/$target")
    TMPDIR=$FUZZ_WORK/tmp fuzz_spawn "$bin" "${args[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1
    # Fork mode reports when a job ends: the numbers are those of the jobs ended so far, exec/s
    # their total (runs over time).
    local pid=$FUZZ_PID start=$SECONDS last=-99 elapsed line runs=0 eps=0 cov=0 corp=0 found killed=0
    while kill -0 "$pid" 2>/dev/null; do
        elapsed=$((SECONDS - start))
        if [ $((elapsed - last)) -ge $FUZZ_PROGRESS_EVERY ]; then
            last=$elapsed
            line=$(grep -aE '^#[0-9]+' "$log" 2>/dev/null | tail -1)
            if [ -n "$line" ]; then
                runs=$(echo "$line" | sed -E 's/^#([0-9]+).*/\1/')
                cov=$(echo "$line" | sed -nE 's/.* cov: ([0-9]+).*/\1/p')
                eps=$(echo "$line" | fork_mode_eps)
                [ -n "$eps" ] || eps=$(echo "$line" | sed -nE 's/.* exec\/s:? ([0-9]+).*/\1/p')
                corp=$(echo "$line" | sed -nE 's/.* corp: ([0-9]+).*/\1/p')
            fi
            found=$(fuzz_count "$staged")
            fuzz_progress "$label" "$elapsed" "$secs" "$runs" "${eps:-0}" "${cov:-0}" "${corp:-0}" "$found"
        fi
        # The fork parent looks at the clock only when a job ends; its stop file (-stop_file, in
        # its temporary folder) ends the running jobs now, and their finds are still merged.
        if [ "$elapsed" -ge "$limit" ]; then
            touch "$FUZZ_WORK/tmp/libFuzzerTemp.FuzzWithFork$pid.dir/STOP" 2>/dev/null || true
        fi
        # A fuzzer that overstays even so (a hung job) is stopped with its children.
        if [ "$elapsed" -ge $((secs + FUZZ_GRACE)) ]; then
            kill -TERM -- "-$pid" 2>/dev/null || true
            killed=1
        fi
        sleep 1
    done
    wait "$pid" 2>/dev/null || true
    if [ $FUZZ_STOP = 0 ] && [ $killed = 0 ] && ! grep -qaE '^INFO: (exiting|fuzzed for|Done)|^#[0-9]+' "$log"; then
        echo "fuzz: $label: libFuzzer ended early: $(grep -av '^INFO' "$log" | tail -1)" >&2
    fi
}

# ---- AFL++: one -M and JOBS-1 -S instances sharing one sync folder, one -S with CMPLOG ----
fuzz_run_afl() {
    local spec=$1 target=$2 secs=$3 label=$4 name bin corpus staged seeds sync stats opts=() i f
    local t0=$SECONDS
    name=$(spec_name "$spec")
    bin=$OUT_DIR/afl/$name/$target
    corpus=$OUT_DIR/corpus/$name/$target
    staged=$FUZZ_WORK/found/$name/$target
    seeds=$FUZZ_WORK/seeds/$name/$target
    sync=$FUZZ_WORK/afl/$name/$target
    stats=$FUZZ_WORK/afl/$name-$target.stats
    mkdir -p "$corpus" "$staged" "$seeds" "$(dirname "$sync")" "$FUZZ_WORK/logs"
    if [ -d "corpus/$target" ]; then find "corpus/$target" -maxdepth 1 -type f -exec cp -n -t "$seeds" {} +; fi
    find "$corpus" -maxdepth 1 -type f -exec cp -n -t "$seeds" {} +
    [ -n "$(ls -A "$seeds")" ] || printf '\0' >"$seeds/zero"
    # A seed that crashes is a finding already, and afl-fuzz refuses to start on one.
    if ! ("$OUT_DIR/standalone/$name/$target" --runs 1 "$seeds"; exit $?) </dev/null >/dev/null 2>&1; then
        for f in "$seeds"/*; do
            if ! ("$OUT_DIR/standalone/$name/$target" --runs 1 "$f"; exit $?) </dev/null >/dev/null 2>&1; then
                cp "$f" "$staged/crash-$(sha1sum "$f" | cut -c1-40)"
                rm -f "$f"
            fi
        done
        if [ -z "$(ls -A "$seeds")" ]; then
            echo "fuzz: $label: every seed crashes: nothing for AFL++ to start from" >&2
            return 0
        fi
    fi
    mapfile -t opts < <(fuzz_options "$target" afl)
    [ -f "fuzz/$target.dict" ] && opts+=(-x "fuzz/$target.dict")

    # Live totals over StatsD (afl-fuzz writes its stats files once a minute).
    local port
    fuzz_spawn python3 scripts/afl_progress.py "$stats" >"$stats.port"
    for i in $(seq 50); do [ -s "$stats.port" ] && break; sleep 0.1; done
    port=$(head -1 "$stats.port")
    local pids=() role cmplog=() limit=$secs
    [ "$secs" -ge 4 ] && limit=$((secs - 1))
    for i in $(seq 0 $((JOBS - 1))); do
        if [ "$i" = 0 ]; then role=(-M main); else role=(-S "s$i"); fi
        cmplog=()
        [ "$i" = 1 ] && cmplog=(-c "$OUT_DIR/afl-cmplog/$name/$target")
        # afl-fuzz sets the sanitizer options it needs and refuses a user's that lack them.
        AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
            AFL_STATSD=1 AFL_STATSD_HOST=127.0.0.1 AFL_STATSD_PORT=${port:-8125} \
            fuzz_spawn env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u MSAN_OPTIONS afl-fuzz -i "$seeds" -o "$sync" -V "$limit" "${role[@]}" "${cmplog[@]}" "${opts[@]}" \
            -- "$bin" >"$FUZZ_WORK/logs/$name-$target-$i.log" 2>&1
        pids+=("$FUZZ_PID")
    done
    echo "fuzz: $label: $JOBS AFL++ instance(s) started after $((SECONDS - t0))s of preparation" >&2
    local start=$SECONDS last=-99 elapsed runs=0 prev_runs=0 eps=0 cov=0 corp=0 found alive p
    while :; do
        alive=0
        for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
        [ $alive = 1 ] || break
        fuzz_note_forkservers "${pids[@]}"
        elapsed=$((SECONDS - start))
        if [ $((elapsed - last)) -ge $FUZZ_PROGRESS_EVERY ]; then
            if [ -s "$stats" ]; then read -r runs _ cov corp _ _ _ <"$stats" || true; fi
            # exec/s over the last interval, summed over the instances (AFL's own figure starts odd).
            [ $last -ge 0 ] && eps=$(((runs - prev_runs) / (elapsed - last)))
            prev_runs=$runs
            last=$elapsed
            found=$(($(find "$sync" -mindepth 3 -maxdepth 3 \( -path '*/crashes/id:*' -o -path '*/hangs/id:*' \) 2>/dev/null |
                wc -l) + $(fuzz_count "$staged")))
            fuzz_progress "$label" "$elapsed" "$secs" "$runs" "$eps" "$cov" "$corp" "$found"
        fi
        if [ "$elapsed" -ge $((secs + FUZZ_GRACE)) ]; then
            for p in "${pids[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done
        fi
        sleep 1
    done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    fuzz_stop_groups # the StatsD listener
    if [ ! -d "$sync/main" ]; then
        echo "fuzz: $label: afl-fuzz did not start: $(grep -a 'PROGRAM ABORT\|ERROR' "$FUZZ_WORK/logs/$name-$target-0.log" | head -1)" >&2
    fi
    # Crashes and hangs become crash-/timeout- files named by content, the queue joins the corpus.
    fuzz_afl_harvest "$sync" crashes "$staged/crash-"
    fuzz_afl_harvest "$sync" hangs "$staged/timeout-"
    fuzz_afl_harvest "$sync" queue "$corpus/"
}

# Copy AFL++'s SYNC/*/KIND/id:* files to PREFIX<sha1>, each content once, never overwriting.
fuzz_afl_harvest() {
    local sync=$1 kind=$2 prefix=$3 sum path
    find "$sync" -mindepth 3 -maxdepth 3 -path "*/$kind/id:*" -type f -print0 2>/dev/null |
        xargs -0 -r sha1sum | while read -r sum path; do
            [ -e "$prefix$sum" ] || cp "$path" "$prefix$sum"
        done
}

cmd_fuzz() {
    [ ${#POSITIONAL[@]} -eq 0 ] || die_usage "fuzz takes no file arguments ('${POSITIONAL[0]}')"
    case "$ENGINE" in
    libfuzzer) require_tools clang python3 llvm-profdata llvm-cov setsid ;;
    afl) require_tools clang afl-clang-fast afl-fuzz python3 llvm-profdata llvm-cov setsid ;;
    *) die_usage "fuzz runs the libfuzzer or afl engine, not '$ENGINE'" ;;
    esac
    local budget=${FUZZ_TIME:-60}
    [ "$budget" -ge 1 ] || die_usage "--time takes at least 1 second"
    load_client_specs

    # Build everything first: a client that does not compile stops us before any fuzzing.
    local spec name
    while read -r spec; do
        build_client "$ENGINE" "$spec"
        [ "$ENGINE" = afl ] && [ "$JOBS" -ge 2 ] && build_client afl-cmplog "$spec"
        build_client standalone "$spec"
        [ "$ENGINE" = libfuzzer ] || build_client libfuzzer "$spec"
        build_client coverage "$spec"
    done <<<"$CLIENT_SPECS"
    build_tools

    mkdir -p "$OUT_DIR"
    FUZZ_WORK=$(mktemp -d "$OUT_DIR/.fuzz.XXXXXX")
    trap fuzz_cleanup EXIT
    trap fuzz_on_signal INT TERM

    local nruns=0 t
    while read -r spec; do for t in $TARGETS; do nruns=$((nruns + 1)); done; done <<<"$CLIENT_SPECS"
    echo "fuzz: $nruns run(s) in ${budget}s with $ENGINE (jobs $JOBS): $(echo "$CLIENT_SPECS" | cut -d'|' -f1 | tr '\n' ' ')× $TARGETS"

    TRIAGE_LIST=""
    FUZZ_TRIAGE_SEEN=""
    local i=0 used=0 secs start
    while read -r spec; do
        name=$(spec_name "$spec")
        mkdir -p "$OUT_DIR/crashes/$name"
        # Remember the client's sources so a later `triage` of these files can rebuild it.
        [ "$(cat "$OUT_DIR/crashes/$name/.client" 2>/dev/null)" = "$spec" ] || echo "$spec" >"$OUT_DIR/crashes/$name/.client"
        for t in $TARGETS; do
            [ $FUZZ_STOP = 1 ] && break 2
            # Each run gets an equal share of what is left, so an early end gives time to the rest.
            secs=$(((budget - used) / (nruns - i)))
            [ "$secs" -ge 1 ] || secs=1
            i=$((i + 1))
            start=$SECONDS
            "fuzz_run_$ENGINE" "$spec" "$t" "$secs" "[$i/$nruns] $name/$t"
            used=$((used + SECONDS - start))
            fuzz_collect "$FUZZ_WORK/found/$name/$t" "$OUT_DIR/crashes/$name/$t" "$spec" "$t"
            echo "fuzz: [$i/$nruns] $name/$t done in $((SECONDS - start))s: $(fuzz_count "$OUT_DIR/corpus/$name/$t") inputs in $OUT_DIR/corpus/$name/$t, $(fuzz_count "$FUZZ_WORK/found/$name/$t") crash file(s)"
        done
    done <<<"$CLIENT_SPECS"
    fuzz_stop_groups
    trap fuzz_on_signal_late INT TERM

    local rc=0 clients p again="./build.sh fuzz --time $budget --engine $ENGINE --jobs $JOBS"
    clients=$(echo "$CLIENT_SPECS" | cut -d'|' -f1 | tr '\n' ' ')
    for p in "${CLIENT_PATHS[@]}"; do again+=" --client $p"; done
    [ -n "$TARGET_FILTER" ] && again+=" --target $TARGET_FILTER"
    triage_run_info fuzz "$again" engine="$ENGINE" \
        time_budget_seconds="$budget" jobs="$JOBS" clients="$clients" targets="$TARGETS" \
        interrupted="$FUZZ_INTERRUPTED" >"$FUZZ_WORK/run.json"
    TRIAGE_BUILT=1 # built above: a source edited meanwhile must not fail the triage of this run
    triage_run "$FUZZ_WORK" "$FUZZ_WORK/run.json" || rc=$?
    [ $rc = 130 ] && fuzz_on_signal_late
    coverage_run "$FUZZ_WORK/coverage" ""
    if [ $rc = 0 ] && [ $FUZZ_INTERRUPTED = 1 ]; then
        rc=130
    fi
    exit $rc
}
