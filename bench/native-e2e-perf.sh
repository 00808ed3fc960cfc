#!/bin/bash
# usage: CORPUS=text.txt bench/native-e2e-perf.sh CLI_DIR TAG KERNEL_A KERNEL_B [ROUNDS]
# Batched training, 1 thread, 1 epoch, dim 100, A and B turn about (A B, B A, ...). Prints per run: tag, round, kernel,
# all CPU samples, training samples (1 ms each, perf record -e cpu-clock: code in FastSgns.Training, .Kernels and
# .Sampling, and the native library, so tokenizing, counting and writing drop out); then the CLI's training line.
# Used for bench/results/native-parity-2026-11-28.md (CORPUS = the first 5 M words of wiki40m).
cli=$1 tag=$2 a=$3 b=$4 rounds=${5:-3}
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
work=${WORK:-/tmp}
one() {
  local k=$1 r=$2
  local data=$work/e2e-$tag-$k-$r.data
  local line=$(perf record -q -e cpu-clock -F 1000 -o $data -- "$cli/fastsgns" train --input "${CORPUS:?set CORPUS}" \
        --output "$work/e2e-$tag.bin" --binary \
        --mode batched --kernel $k --threads 1 --epochs 1 --dim 100 --sample 1e-4 --seed 1 2>&1 | grep "^train: [0-9]")
  local total=$(perf report -i $data --stdio -n --sort dso 2>/dev/null | grep -v "^#" | awk 'NF {s+=$2} END {print s}')
  local train=$(perf report -i $data --stdio -n --sort sym 2>/dev/null | grep -E "FastSgns\.(Training|Kernels|Sampling)|fsg_" | awk '{s+=$2} END {print s}')
  echo "$tag,$r,$k,$total,$train,$line"
  rm -f $data
}
for r in $(seq 1 $rounds); do
  if [ $((r % 2)) = 1 ]; then one $a $r; one $b $r; else one $b $r; one $a $r; fi
done
