# t_docs.sh - README.md stays true: the verdict table matches the catalogue, every command it
# shows exists, the two commands are there.
t_docs() {
    local expected actual
    expected=$(PYTHONPATH=scripts python3 -m wskfuzz.catalog markdown)
    actual=$(sed -n '/<!-- catalogue:begin -->/,/<!-- catalogue:end -->/p' README.md | sed '1d;$d')
    if [ "$expected" = "$actual" ]; then
        pass docs:verdict-table-matches-catalogue
    else
        fail docs:verdict-table-matches-catalogue "run PYTHONPATH=scripts python3 -m wskfuzz.catalog readme"
    fi
    check docs:readme-shows-fuzz grep -q '^./build.sh fuzz' README.md
    check docs:readme-shows-test grep -q '^./build.sh test' README.md
    # Every "./build.sh <command>" in the README is a command build.sh knows.
    local cmd bad=""
    for cmd in $(grep -oE '\./build\.sh [a-z]+' README.md | awk '{print $2}' | sort -u); do
        ./build.sh help | grep -qE "^$cmd( |$)" || bad="$bad $cmd"
    done
    if [ -z "$bad" ]; then pass docs:readme-commands-exist; else fail docs:readme-commands-exist "unknown:$bad"; fi
    # Every verdict ID has a mutant that expects it.
    local id missing=""
    for id in $(PYTHONPATH=scripts python3 -m wskfuzz.catalog json | sed -n 's/.*"id": "\(.*\)".*/\1/p'); do
        grep -qE "^\+ \* EXPECT: *$id\b" tests/mutants/*.patch 2>/dev/null || missing="$missing $id"
    done
    if [ -z "$missing" ]; then pass docs:every-verdict-has-a-mutant; else fail docs:every-verdict-has-a-mutant "no mutant for:$missing"; fi
}
