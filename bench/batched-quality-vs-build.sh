#!/usr/bin/env bash
# Batched skip-gram quality of two builds, same seeds, same evaluator (bench/results/batched-quality-2026-11-29-pm.md).
# wiki40m, 2 threads, PEERS.md settings; OLD at 5 epochs for every seed, then both builds turn about at 1 epoch.
# Every model is scored by NEW's `fastsgns eval` (3CosAdd over the 30,000 most frequent words; WordSim-353 ρ).
#   usage: OLD=/path/to/old/fastsgns NEW=/path/to/new/fastsgns bench/batched-quality-vs-build.sh CORPUS [SEEDS="1 2 3"] [WORK=/tmp/fastsgns-quality]
set -uo pipefail
corpus=$1 seeds=${2:-"1 2 3"} work=${3:-/tmp/fastsgns-quality}
eval_dir=$(cd "$(dirname "$0")/../.." && pwd)/shared/eval
mkdir -p "$work"
run() { local label=$1 cli=$2 epochs=$3 seed=$4
  echo "== $label epochs $epochs seed $seed $(date +%H:%M:%S)"
  "$cli" train --input "$corpus" --output "$work/$label.bin" --binary --dim 100 --window 5 --negative 5 --sample 1e-4 --min-count 5 \
    --epochs "$epochs" --threads 2 --seed "$seed" --mode batched 2>&1 | tr "\r" "\n" | grep -E "words/s" | tail -n 1
  "$NEW" eval --vectors "$work/$label.bin" --analogies "$eval_dir/questions-words.txt" --similarity "$eval_dir/wordsim353.tsv" 2>&1 | grep -E "^ *total|wordsim353"; }
for s in $seeds; do run old "$OLD" 5 "$s"; done
for s in $seeds; do run old "$OLD" 1 "$s"; run new "$NEW" 1 "$s"; done
rm -rf "$work"
