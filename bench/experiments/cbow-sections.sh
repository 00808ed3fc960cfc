#!/usr/bin/env bash
# CBOW with negatives against gensim corpus_file CBOW, section by section: for each seed, FastSgns --model cbow (its
# default alpha) and gensim (sg=0, alpha 0.05, corpus_file, the same seed) on CORPUS, 2 threads, PEERS.md's settings,
# both scored by one evaluator; prints each section's accuracy difference (FastSgns − gensim) per seed and its mean.
# Keeps the vectors in OUT_DIR (default a temporary folder, removed at the end).
#   usage: CLI=…/fastsgns bench/experiments/cbow-sections.sh CORPUS EPOCHS "SEEDS"
set -euo pipefail
corpus=${1:?corpus} epochs=${2:?epochs} seeds=${3:?seeds}
root=$(cd "$(dirname "$0")/../.." && pwd)
cli=${CLI:-$root/src/FastSgns.Cli/bin/Release/net10.0/fastsgns}
evaluator=$root/src/FastSgns.Cli/bin/Release/net10.0/fastsgns
[[ -x $evaluator ]] || evaluator=$cli
ev=${EVAL_DIR:-$root/../shared/eval}
out=${OUT_DIR:-}
if [[ -z $out ]]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi

score() { "$evaluator" eval -v "$1" --analogies "$ev/questions-words.txt" > "$1.eval"; }
for s in $seeds; do
  "$cli" train --input "$corpus" --output "$out/f$s.bin" --binary --model cbow --dim 100 --window 5 --sample 1e-4 \
    --min-count 5 --epochs "$epochs" --threads 2 --seed "$s" > "$out/f$s.log" 2>&1
  score "$out/f$s.bin"
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/bench/peers/gensim_train.py" "$corpus" "$out/g$s.bin" 100 5 5 1e-4 5 \
    "$epochs" 2 0.05 0 0 file "$s" > "$out/g$s.log"
  score "$out/g$s.bin"
done

# One row per section: the difference at each seed, then the mean and its weight in points of the total.
awk -v seeds="$seeds" '
  FNR == 1 { file++ }
  $2 ~ /^[0-9.]+$/ && $3 == "%" { acc[file, $1] = $2; n[$1] = $5; if (file == 1) order[++rows] = $1 }
  END {
    k = split(seeds, s, " ")
    printf "| section | questions |"; for (i = 1; i <= k; i++) printf " seed %s |", s[i]; print " mean | points of the total |"
    printf "|---|---|"; for (i = 1; i <= k; i++) printf "---|"; print "---|---|"
    for (r = 1; r <= rows; r++) {
      name = order[r]; sum = 0; printf "| %s | %d |", name, n[name]
      for (i = 1; i <= k; i++) { d = acc[2 * i - 1, name] - acc[2 * i, name]; sum += d; printf " %+.2f |", d }
      printf " %+.2f | %+.3f |\n", sum / k, sum / k * n[name] / n["total"]
    }
  }' $(for s in $seeds; do echo "$out/f$s.bin.eval $out/g$s.bin.eval"; done)
