"""The files `./build.sh init-ci` writes into a driver's repository, as text with @@NAME@@ holes:
ClusterFuzzLite's .clusterfuzzlite/ (this tool pinned by commit) and GitHub workflows modeled on
this repository's own (.github/workflows/cflite_*.yml), plus a job that runs wskfuzz itself so its
verdicts reach code scanning as SARIF on the driver's lines."""

DOCKERFILE = """\
# Written by wskfuzz's `./build.sh init-ci`. ClusterFuzzLite's build image: OSS-Fuzz's base-builder
# (clang, libFuzzer, AFL++, the sanitizers), the Debian packages wskfuzz's build uses, and wskfuzz
# itself pinned by commit: move WSKFUZZ_COMMIT to take a newer wskfuzz.
FROM gcr.io/oss-fuzz-base/base-builder:v1
RUN apt-get update && apt-get install -y make zip binutils python3
ARG WSKFUZZ_URL=@@URL@@
ARG WSKFUZZ_COMMIT=@@COMMIT@@
RUN git clone "$WSKFUZZ_URL" $SRC/wskfuzz && git -C $SRC/wskfuzz checkout --detach "$WSKFUZZ_COMMIT"
COPY . $SRC/@@NAME@@
WORKDIR $SRC/@@NAME@@
COPY .clusterfuzzlite/build.sh $SRC/
"""

BUILD_SH = """\
#!/bin/bash -eu
# Written by wskfuzz's `./build.sh init-ci`. Run by ClusterFuzzLite's `compile` with $CC, $CFLAGS,
# $CXX, $CXXFLAGS, $LIB_FUZZING_ENGINE, $OUT and $WORK set: wskfuzz's OSS-Fuzz mode builds this
# repository's client (@@CLIENT@@) into every fuzz target, with seeds, dictionary and options.
"$SRC/wskfuzz/build.sh" --client "$SRC/@@NAME@@/@@CLIENT@@"
"""

PROJECT_YAML = """\
# Written by wskfuzz's `./build.sh init-ci`: ClusterFuzzLite project metadata.
language: c
"""

PR_YML = """\
# Written by wskfuzz's `./build.sh init-ci`. Every pull request: ClusterFuzzLite builds the client
# with each sanitizer and fuzzes it for 300 s (a crash fails the check, its input is downloadable),
# and wskfuzz fuzzes it with its own verdicts for 300 s; wskfuzz's findings go to GitHub code
# scanning as SARIF, on the client's lines in the pull request.
name: wskfuzz PR fuzzing
on:
  pull_request:
  workflow_dispatch:
permissions: read-all
jobs:
  ClusterFuzzLite:
    runs-on: ubuntu-latest
    concurrency:
      group: ${{ github.workflow }}-${{ matrix.sanitizer }}-${{ github.ref }}
      cancel-in-progress: true
    strategy:
      fail-fast: false
      matrix:
        sanitizer:
          - address
          - undefined
    steps:
      - name: Build Fuzzers (${{ matrix.sanitizer }})
        id: build
        uses: google/clusterfuzzlite/actions/build_fuzzers@v1
        with:
          language: c
          github-token: ${{ secrets.GITHUB_TOKEN }}
          sanitizer: ${{ matrix.sanitizer }}
      - name: Run Fuzzers (${{ matrix.sanitizer }})
        id: run
        uses: google/clusterfuzzlite/actions/run_fuzzers@v1
        with:
          language: c
          github-token: ${{ secrets.GITHUB_TOKEN }}
          fuzz-seconds: 300
          mode: 'code-change'
          sanitizer: ${{ matrix.sanitizer }}
  wskfuzz:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@v4
        with:
          path: driver
      - name: wskfuzz at @@COMMIT@@
        run: |
          git clone @@URL@@ wskfuzz
          git -C wskfuzz checkout --detach @@COMMIT@@
      - name: Toolchain
        run: wskfuzz/build.sh deps
      - name: Fuzz and triage (300 s)
        id: fuzz
        run: |
          rc=0
          wskfuzz/build.sh fuzz --client "driver/@@CLIENT@@" --time 300 || rc=$?
          echo "rc=$rc" >>"$GITHUB_OUTPUT"
          [ "$rc" -le 1 ]
      - name: SARIF relative to this repository
        if: always() && hashFiles('wskfuzz/out/report/findings.sarif') != ''
        run: |
          PYTHONPATH=wskfuzz/scripts python3 -m wskfuzz.sarif_paths wskfuzz/out/report/findings.sarif \\
            wskfuzz.sarif --repo driver --client "@@CLIENT@@"
      - name: Findings to code scanning
        if: always() && hashFiles('wskfuzz.sarif') != ''
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: wskfuzz.sarif
          checkout_path: ${{ github.workspace }}/driver
          category: wskfuzz
      - name: Report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: wskfuzz-report
          path: wskfuzz/out/report
          if-no-files-found: ignore
      - name: Findings fail the check
        run: '[ "${{ steps.fuzz.outputs.rc }}" = 0 ]'
"""

BATCH_YML = """\
# Written by wskfuzz's `./build.sh init-ci`. ClusterFuzzLite batch fuzzing: once a day, one hour per
# sanitizer on the head of the default branch; the corpus it grows is what PR fuzzing starts from.
name: wskfuzz batch fuzzing
on:
  schedule:
    - cron: '0 3 * * *'  # daily, 03:00 UTC
  workflow_dispatch:
permissions: read-all
jobs:
  BatchFuzzing:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        sanitizer:
          - address
          - undefined
    steps:
      - name: Build Fuzzers (${{ matrix.sanitizer }})
        id: build
        uses: google/clusterfuzzlite/actions/build_fuzzers@v1
        with:
          language: c
          sanitizer: ${{ matrix.sanitizer }}
      - name: Run Fuzzers (${{ matrix.sanitizer }})
        id: run
        uses: google/clusterfuzzlite/actions/run_fuzzers@v1
        with:
          language: c
          github-token: ${{ secrets.GITHUB_TOKEN }}
          fuzz-seconds: 3600
          mode: 'batch'
          sanitizer: ${{ matrix.sanitizer }}
"""

COVERAGE_YML = """\
# Written by wskfuzz's `./build.sh init-ci`. ClusterFuzzLite daily upkeep: prune the batch corpus to
# the inputs that still add coverage, and a coverage report of the client from it.
name: wskfuzz coverage
on:
  schedule:
    - cron: '0 6 * * *'  # daily, 06:00 UTC, after batch fuzzing
  workflow_dispatch:
permissions: read-all
jobs:
  Pruning:
    runs-on: ubuntu-latest
    steps:
      - name: Build Fuzzers
        id: build
        uses: google/clusterfuzzlite/actions/build_fuzzers@v1
        with:
          language: c
      - name: Run Fuzzers
        id: run
        uses: google/clusterfuzzlite/actions/run_fuzzers@v1
        with:
          language: c
          github-token: ${{ secrets.GITHUB_TOKEN }}
          fuzz-seconds: 600
          mode: 'prune'
  Coverage:
    runs-on: ubuntu-latest
    steps:
      - name: Build Fuzzers
        id: build
        uses: google/clusterfuzzlite/actions/build_fuzzers@v1
        with:
          language: c
          sanitizer: coverage
      - name: Run Fuzzers
        id: run
        uses: google/clusterfuzzlite/actions/run_fuzzers@v1
        with:
          language: c
          github-token: ${{ secrets.GITHUB_TOKEN }}
          fuzz-seconds: 600
          mode: 'coverage'
"""

# (path in the driver's repository, text, executable)
FILES = (
    (".clusterfuzzlite/Dockerfile", DOCKERFILE, False),
    (".clusterfuzzlite/build.sh", BUILD_SH, True),
    (".clusterfuzzlite/project.yaml", PROJECT_YAML, False),
    (".github/workflows/wskfuzz_pr.yml", PR_YML, False),
    (".github/workflows/wskfuzz_batch.yml", BATCH_YML, False),
    (".github/workflows/wskfuzz_coverage.yml", COVERAGE_YML, False),
)


def render(text, **holes):
    for k, v in holes.items():
        text = text.replace("@@%s@@" % k, v)
    return text
