#!/usr/bin/env bash
# #16's bf16 question, answered for accuracy before any kernel is written: would storing a matrix in bfloat16 (fp32
# arithmetic, rows rounded when stored) keep analogy accuracy and WordSim-353 ρ within 0.5 point of fp32? This
# builds this checkout with bench/experiments/bf16-storage-simulation.patch in a scratch worktree (the batched kernel
# rounds every row chunk it stores to a bf16-representable value, so training sees exactly what bf16 storage would
# hold) and trains batched skip-gram with PEERS.md's settings under each configuration:
#   fp32 (no rounding) | out-sr (output matrix, stochastic rounding) | both-sr (both matrices) | both-rne (both,
#   round to nearest even).
# Accuracy does not depend on the machine's load, so this may run beside other work.
#   usage: bench/bf16-eval.sh EPOCHS "SEEDS" "CONFIGS" [CORPUS=/work/bench-data/wiki40m.txt] [THREADS=2]
#   e.g.   bench/bf16-eval.sh 1 "1 2" "fp32 out-sr both-sr both-rne"
set -euo pipefail
(( $# >= 3 )) || { sed -n 2,12p "$0" >&2; exit 1; }
epochs=$1 seeds=$2 configs=$3 corpus=${4:-/work/bench-data/wiki40m.txt} threads=${5:-2}
eval_dir=${EVAL:-/work/shared/eval}
repo=$(git rev-parse --show-toplevel)
scratch=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$scratch/src" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
git -C "$repo" worktree add --detach -q "$scratch/src" HEAD
git -C "$scratch/src" apply "$repo/bench/experiments/bf16-storage-simulation.patch"
dotnet build "$scratch/src/src/FastSgns.Cli/FastSgns.Cli.csproj" -c Release -o "$scratch/cli" -v q -nologo >/dev/null

printf '| epochs | seed | storage | analogies | semantic | syntactic | WordSim-353 ρ |\n|---|---|---|---|---|---|---|\n'
for seed in $seeds; do
  for config in $configs; do
    case $config in
      fp32) mode=0 nearest=0 ;;
      out-sr) mode=1 nearest=0 ;;
      both-sr) mode=2 nearest=0 ;;
      both-rne) mode=2 nearest=1 ;;
      *) echo "unknown configuration $config" >&2; exit 1 ;;
    esac
    FSG_BF16=$mode FSG_BF16_NEAREST=$nearest "$scratch/cli/fastsgns" train --input "$corpus" --output /dev/null -q \
      --mode batched --kernel avx512 --threads "$threads" --epochs "$epochs" --seed "$seed" --sample 1e-4 --min-count 5 \
      --dim 100 --window 5 --negative 5 --eval-analogies "$eval_dir/questions-words.txt" \
      --eval-similarity "$eval_dir/wordsim353.tsv" > "$scratch/log" 2>&1
    awk -v e="$epochs" -v s="$seed" -v c="$config" '
      $1 == "total" { total = $2 } $1 == "semantic" { sem = $2 } $1 == "syntactic" { syn = $2 }
      $1 == "wordsim353.tsv" { rho = $2 }
      END { printf "| %s | %s | %s | %s %% | %s %% | %s %% | %s |\n", e, s, c, total, sem, syn, rho }' "$scratch/log"
  done
done
