#!/usr/bin/env bash
# #16's bf16 rule, checked with the real option: does `--precision bf16` (the output matrix stored as bf16,
# stochastically rounded) keep analogy accuracy and WordSim-353 ρ within 0.5 point of fp32? Builds this checkout's
# HEAD in a scratch worktree (so a rebuild meanwhile cannot change the binary) and trains batched skip-gram with
# PEERS.md's settings (dim 100, window 5, negative 5, sample 1e-4, min-count 5, avx512) once per seed and precision.
# Accuracy does not depend on the machine's load, so this may run beside other work; the CPU seconds and peak RSS it
# also prints do, and are for orientation only (bench/bf16-speed.sh pairs the runs for speed).
#   usage: bench/bf16-eval.sh EPOCHS "SEEDS" "PRECISIONS" [CORPUS=/work/bench-data/wiki40m.txt] [THREADS=2]
#   e.g.   bench/bf16-eval.sh 1 "1 2" "fp32 bf16"
# (The simulation that answered the question before the option existed, bench/experiments/bf16-storage-simulation.patch,
# is in git history at 6b3ef8d; its results stay in bench/results/bf16-storage-2026-11-29.md.)
set -euo pipefail
(( $# >= 3 )) || { sed -n 2,11p "$0" >&2; exit 1; }
epochs=$1 seeds=$2 precisions=$3 corpus=${4:-/work/bench-data/wiki40m.txt} threads=${5:-2}
eval_dir=${EVAL:-/work/shared/eval}
repo=$(git rev-parse --show-toplevel)
scratch=$(mktemp -d)
# A name of its own: worktrees of one repository share an admin directory per name, and other scripts use "src".
src=$scratch/bf16-eval-src
trap 'git -C "$repo" worktree remove --force "$src" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
head=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" worktree add --detach -q "$src" "$head"
[[ $(git -C "$src" rev-parse HEAD) == "$head" && -z $(git -C "$src" status --porcelain) ]] || { echo "the scratch worktree is not a clean $head" >&2; exit 1; }
dotnet build "$src/src/FastSgns.Cli/FastSgns.Cli.csproj" -c Release -o "$scratch/cli" -v q -nologo >/dev/null
echo "commit ${head:0:7}, $corpus, $epochs epoch(s), $threads threads"

printf '| epochs | seed | precision | analogies | semantic | syntactic | WordSim-353 ρ | user s | sys s | wall s | peak RSS MB |\n|---|---|---|---|---|---|---|---|---|---|---|\n'
for seed in $seeds; do
  for precision in $precisions; do
    /usr/bin/time -o "$scratch/time" -f '%U %S %e %M' "$scratch/cli/fastsgns" train --input "$corpus" --output /dev/null -q \
      --mode batched --kernel avx512 --threads "$threads" --epochs "$epochs" --seed "$seed" --sample 1e-4 --min-count 5 \
      --dim 100 --window 5 --negative 5 --precision "$precision" --eval-analogies "$eval_dir/questions-words.txt" \
      --eval-similarity "$eval_dir/wordsim353.tsv" > "$scratch/log" 2>&1
    read -r user sys wall rss < "$scratch/time"
    awk -v e="$epochs" -v s="$seed" -v c="$precision" -v u="$user" -v y="$sys" -v w="$wall" -v m="$rss" '
      $1 == "total" { total = $2 } $1 == "semantic" { sem = $2 } $1 == "syntactic" { syn = $2 }
      $1 == "wordsim353.tsv" { rho = $2 }
      END { printf "| %s | %s | %s | %s %% | %s %% | %s %% | %s | %s | %s | %s | %.0f |\n", e, s, c, total, sem, syn, rho, u, y, w, m / 1024 }' "$scratch/log"
  done
done
