# t_docs.sh - the documents stay true: docs/verdicts.md's table matches the catalogue, every
# command README.md shows exists, the two commands are there, every document it links exists, and
# docs/architecture.md names every source file of the stub kernel's layers.
t_docs() {
    local expected actual
    expected=$(PYTHONPATH=scripts python3 -m wskfuzz.catalog markdown)
    actual=$(sed -n '/<!-- catalogue:begin -->/,/<!-- catalogue:end -->/p' docs/verdicts.md | sed '1d;$d')
    if [ "$expected" = "$actual" ]; then
        pass docs:verdict-table-matches-catalogue
    else
        fail docs:verdict-table-matches-catalogue "run PYTHONPATH=scripts python3 -m wskfuzz.catalog docs"
    fi
    check docs:readme-shows-fuzz grep -q '^./build.sh fuzz' README.md
    check docs:readme-shows-test grep -q '^./build.sh test' README.md
    # Every "./build.sh <command>" in the README is a command build.sh knows.
    local cmd bad=""
    for cmd in $(grep -oE '\./build\.sh [a-z][a-z-]*' README.md | awk '{print $2}' | sort -u); do
        ./build.sh help | grep -qE "^$cmd( |$)" || bad="$bad $cmd"
    done
    if [ -z "$bad" ]; then pass docs:readme-commands-exist; else fail docs:readme-commands-exist "unknown:$bad"; fi
    # Every verdict ID has a mutant that expects it.
    local id missing=""
    for id in $(PYTHONPATH=scripts python3 -m wskfuzz.catalog json | sed -n 's/.*"id": "\(.*\)".*/\1/p'); do
        grep -qE "^\+ \* EXPECT: *$id\b" tests/mutants/*.patch 2>/dev/null || missing="$missing $id"
    done
    if [ -z "$missing" ]; then pass docs:every-verdict-has-a-mutant; else fail docs:every-verdict-has-a-mutant "no mutant for:$missing"; fi
    # The documents README.md links to are there.
    local link missing_docs=""
    for link in $(grep -oE '\]\((docs/[A-Za-z0-9_.-]+\.md)\)' README.md | sed -E 's/^\]\((.*)\)$/\1/' | sort -u); do
        [ -f "$link" ] || missing_docs="$missing_docs $link"
    done
    if [ -z "$missing_docs" ]; then pass docs:readme-links-exist; else fail docs:readme-links-exist "missing:$missing_docs"; fi
    # The architecture names every source file of every layer (a new file gets its line there).
    local layer f unnamed=""
    for layer in $(sed -n 's/^STUB_LAYERS *:= *//p' build.mk); do
        for f in stubs/"$layer"/*.c; do
            grep -q "\`$(basename "$f")\`" docs/architecture.md || unnamed="$unnamed $f"
        done
    done
    if [ -z "$unnamed" ]; then pass docs:architecture-names-every-stub-file; else fail docs:architecture-names-every-stub-file "not in docs/architecture.md:$unnamed"; fi
}
