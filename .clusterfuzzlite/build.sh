#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build script, run by the base image's `compile` with $CC, $CFLAGS,
# $CXX, $CXXFLAGS, $LIB_FUZZING_ENGINE, $OUT and $WORK set. wskfuzz's own build.sh sees $OUT
# and $LIB_FUZZING_ENGINE and writes every fuzzer with its seed corpus, dictionary and options
# to $OUT (the bundled clients: <target>-<client>). For your own client, add --client PATH.
cd "$SRC/wskfuzz"
./build.sh
