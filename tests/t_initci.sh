# t_initci.sh - `./build.sh init-ci` into a throwaway driver repository (git init, a copy of
# src/doc_client.c in a subfolder): the files ClusterFuzzLite and GitHub need, wskfuzz pinned at
# this checkout's commit; no file of theirs overwritten without --force (one line, exit 2, nothing
# written); the generated .clusterfuzzlite/build.sh run in the OSS-Fuzz mode without Docker ($OUT
# gets every target); and a planted-bug variant's SARIF, made relative to the driver repository
# by wskfuzz.sarif_paths as the PR workflow does, points at the client's line inside that repository.

initci_files=".clusterfuzzlite/Dockerfile .clusterfuzzlite/build.sh .clusterfuzzlite/project.yaml
.github/workflows/wskfuzz_pr.yml .github/workflows/wskfuzz_batch.yml .github/workflows/wskfuzz_coverage.yml"

t_initci() {
    local repo=$TEST_TMP/initci/drvrepo tmp=$TEST_TMP/initci rc f missing="" before after
    mkdir -p "$repo/drivers/wsk"
    cp src/doc_client.c "$repo/drivers/wsk/doc_client.c"
    git -C "$repo" init -q && git -C "$repo" add -A &&
        git -C "$repo" -c user.name=t -c user.email=t@t commit -qm driver

    rc=0
    ./build.sh init-ci --client "$repo/drivers/wsk/doc_client.c" --repo "$repo" >"$tmp/init.out" 2>&1 || rc=$?
    for f in $initci_files; do [ -s "$repo/$f" ] || missing="$missing $f"; done
    if [ "$rc" = 0 ] && [ -z "$missing" ] && [ -x "$repo/.clusterfuzzlite/build.sh" ] &&
        grep -q "WSKFUZZ_COMMIT=$(git rev-parse HEAD)\$" "$repo/.clusterfuzzlite/Dockerfile" &&
        grep -q 'drivers/wsk/doc_client.c' "$repo/.clusterfuzzlite/build.sh" &&
        grep -q 'upload-sarif' "$repo/.github/workflows/wskfuzz_pr.yml"; then
        pass "initci:writes the files (pinned at HEAD)"
    else
        fail "initci:writes the files" "rc $rc, missing:$missing $(tail -2 "$tmp/init.out")"
    fi
    if python3 -c 'import yaml' 2>/dev/null; then
        check initci:workflows-are-yaml python3 -c 'import sys, yaml; [yaml.safe_load(open(f)) for f in sys.argv[1:]]' \
            "$repo"/.github/workflows/wskfuzz_*.yml
    fi

    # Theirs stays theirs: a second run, and a repository with one file of its own.
    before=$(cat "$repo"/.clusterfuzzlite/* | cksum)
    echo "# theirs" >"$repo/.github/workflows/wskfuzz_batch.yml"
    rc=0
    ./build.sh init-ci --client "$repo/drivers/wsk/doc_client.c" --repo "$repo" >"$tmp/init.out" 2>"$tmp/init.err" || rc=$?
    after=$(cat "$repo"/.clusterfuzzlite/* | cksum)
    if [ "$rc" = 2 ] && [ "$(wc -l <"$tmp/init.err")" = 1 ] && [ "$before" = "$after" ] &&
        [ "$(cat "$repo/.github/workflows/wskfuzz_batch.yml")" = "# theirs" ]; then
        pass "initci:no overwrite without --force (one line, exit 2)"
    else
        fail "initci:no overwrite without --force" "rc $rc: $(cat "$tmp/init.err")"
    fi
    mkdir -p "$tmp/other/.clusterfuzzlite" "$tmp/other/d"
    git -C "$tmp/other" init -q
    cp src/doc_client.c "$tmp/other/d/"
    echo "# theirs" >"$tmp/other/.clusterfuzzlite/build.sh"
    rc=0
    ./build.sh init-ci --client "$tmp/other/d/doc_client.c" --repo "$tmp/other" >/dev/null 2>&1 || rc=$?
    if [ "$rc" = 2 ] && [ ! -e "$tmp/other/.clusterfuzzlite/Dockerfile" ] && [ ! -e "$tmp/other/.github" ]; then
        pass "initci:refusal writes nothing"
    else
        fail "initci:refusal writes nothing" "rc $rc"
    fi
    rc=0
    ./build.sh init-ci --client "$repo/drivers/wsk/doc_client.c" --repo "$repo" --force >/dev/null 2>&1 || rc=$?
    if [ "$rc" = 0 ] && grep -q "Written by wskfuzz" "$repo/.github/workflows/wskfuzz_batch.yml"; then
        pass "initci:--force rewrites"
    else
        fail "initci:--force rewrites" "rc $rc"
    fi
    rc=0
    ./build.sh init-ci --client src/doc_client.c --repo "$repo" >/dev/null 2>"$tmp/init.err" || rc=$?
    if [ "$rc" = 2 ] && [ "$(wc -l <"$tmp/init.err")" = 1 ]; then
        pass "initci:client outside the repository (one line, exit 2)"
    else
        fail "initci:client outside the repository" "rc $rc"
    fi

    initci_ossfuzz "$repo" "$tmp/ofz"
    initci_sarif "$repo" "$tmp"
}

# The generated build script as ClusterFuzzLite's `compile` runs it: $SRC/wskfuzz (this checkout),
# $SRC/<repo name> (the driver), libFuzzer + ASan flags of base-builder, no Docker.
initci_ossfuzz() {
    local repo=$1 tmp=$2 t missing="" extra=""
    mkdir -p "$tmp/src" "$tmp/out" "$tmp/work" "$tmp/home"
    ln -s "$ROOT" "$tmp/src/wskfuzz"
    ln -s "$repo" "$tmp/src/$(basename "$repo")"
    cp "$repo/.clusterfuzzlite/build.sh" "$tmp/src/build.sh"
    if echo 'int main(void){return 0;}' >"$tmp/p.c" && clang -c "$tmp/p.c" -o "$tmp/p.o" 2>/dev/null &&
        clang++ -stdlib=libc++ "$tmp/p.o" -o "$tmp/p" 2>/dev/null; then
        extra="-stdlib=libc++"
    fi
    local cflags="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
    cflags="$cflags -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
    (cd "$tmp/src/$(basename "$repo")" &&
        env -i PATH="$PATH" HOME="$tmp/home" LANG=C.UTF-8 SRC="$tmp/src" OUT="$tmp/out" WORK="$tmp/work" \
            FUZZING_ENGINE=libfuzzer SANITIZER=address FUZZING_LANGUAGE=c CC=clang CXX=clang++ \
            CFLAGS="$cflags" CXXFLAGS="$cflags $extra" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
            bash -eu "$tmp/src/build.sh") >"$tmp/build.log" 2>&1
    for t in $(wskfuzz_targets); do
        [ -x "$tmp/out/$t" ] && [ -f "$tmp/out/${t}_seed_corpus.zip" ] || missing="$missing $t"
    done
    if [ -z "$missing" ] && "$tmp/out/fuzz_attach" -runs=50 "$tmp/out/fuzz_attach" >/dev/null 2>&1; then
        pass "initci:generated build.sh builds every target in OSS-Fuzz mode"
    else
        fail "initci:generated build.sh" "missing:$missing $(tail -3 "$tmp/build.log")"
    fi
}

# A planted-bug variant in the driver repository, triaged; its SARIF rebased onto the repository.
initci_sarif() {
    local repo=$1 tmp=$2 m=attach_loop_no_break t=fuzz_attach out=$2/out
    mkdir -p "$repo/drivers/bad" "$tmp/crashes/$m/$t"
    scripts/write_mutants.sh "$repo/drivers/bad" "$m"
    WSKFUZZ_OUT=$out ./build.sh encode "tests/mutants/$m.txt" >"$tmp/crashes/$m/$t/trigger" 2>/dev/null
    WSKFUZZ_OUT=$out WSKFUZZ_MINIMIZE_TIME=1 ./build.sh triage --client "$repo/drivers/bad/$m.c" \
        "$tmp/crashes/$m/$t/trigger" >"$tmp/triage.log" 2>&1
    if ! PYTHONPATH=scripts python3 -m wskfuzz.sarif_paths "$out/report/findings.sarif" "$tmp/driver.sarif" \
        --repo "$repo" --client "drivers/bad/$m.c" 2>"$tmp/sarif.err"; then
        fail "initci:sarif-relative-to-driver-repo" "$(tail -1 "$tmp/sarif.err") $(tail -1 "$tmp/triage.log")"
        return
    fi
    local got
    got=$(python3 - "$tmp/driver.sarif" "drivers/bad/$m.c" 2>&1 <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
run = doc["runs"][0]
res = run["results"]
if not res:
    sys.exit("no results")
if "originalUriBaseIds" in run:
    sys.exit("originalUriBaseIds names an absolute folder")
for r in res:
    for loc in r["locations"]:
        p = loc["physicalLocation"]
        uri = p["artifactLocation"]["uri"]
        if uri.startswith("/") or "://" in uri or uri != sys.argv[2] or "uriBaseId" in p["artifactLocation"]:
            sys.exit("location %s" % uri)
        if not p.get("region", {}).get("startLine"):
            sys.exit("no line")
print("ok")
EOF
)
    if [ "$got" = ok ]; then
        pass "initci:sarif-relative-to-driver-repo (drivers/bad/$m.c:line)"
    else
        fail "initci:sarif-relative-to-driver-repo" "$got"
    fi
}
