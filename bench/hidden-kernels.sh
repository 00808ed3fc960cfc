#!/usr/bin/env bash
# Issue #15's kernels side by side: every registry kernel's TrainHidden (CBOW with negatives, CBOW with the tree,
# skip-gram with the tree) against the scalar reference, each managed SIMD kernel against its C twin, and each against
# this core's FMA peak for the same flops. All through `ratios HiddenKernelBench A B` (one thread, the two timed turn
# about in one process, thread CPU time), so each line is a ratio that a noisy machine disturbs little.
#   usage: bench/hidden-kernels.sh [ROUNDS=15]; env: SHAPES="CbowNegatives CbowTree SkipGramTree", DIMS=100,300,
#          KERNELS="avx512 avx2 vector128 native-avx512 native-avx2 native-scalar", BENCH=…/FastSgns.Benchmarks
#          (built here if unset)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-15}
shapes=${SHAPES:-"CbowNegatives CbowTree SkipGramTree"}
dims=${DIMS:-100,300}
kernels=${KERNELS:-"avx512 avx2 vector128 native-avx512 native-avx2 native-scalar"}
source bench/benchmarks-build.sh

# One ratios table, or a line saying why not (a kernel this machine cannot run is named, not skipped silently).
ratios() {
  "$bench" ratios HiddenKernelBench "$1" "$2" --shape "$3" --rounds "$rounds" --dims "$dims" 2>&1 | grep -v '^ *at ' || echo "(not run: $1 against $2)"
}

echo "hidden kernels: $(date -u +%FT%TZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(uptime)"
for shape in $shapes; do
  echo
  echo "## $shape"
  for kernel in $kernels; do
    echo
    echo "### the scalar reference against $kernel (median ratio below 1: $kernel is faster)"
    ratios TrainHidden@scalar "TrainHidden@$kernel" "$shape"
  done
  for kernel in avx512 avx2; do
    echo
    echo "### managed $kernel against its C twin native-$kernel (above 1: the C kernel is faster)"
    ratios "TrainHidden@native-$kernel" "TrainHidden@$kernel" "$shape"
  done
  for kernel in $kernels; do
    echo
    echo "### $kernel against the FMA peak for the same flops"
    ratios "Peak@$kernel" "TrainHidden@$kernel" "$shape"
  done
done
