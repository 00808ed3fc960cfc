#!/usr/bin/env bash
# FastSgns batched against pWord2Vec, turn about in one command (F P F P …, PAIRS times), PEERS.md's settings on both
# (skip-gram, dim 100, window 5, negative 5, sample 1e-4, min-count 5, alpha 0.025): per run the whole-run wall and
# CPU seconds, FastSgns's own training seconds and words/s; then the median of the per-pair whole-run ratios
# (pWord2Vec's wall over FastSgns's: above 1, FastSgns is faster), and analogy accuracy (questions-words, 30,000 most
# frequent words) and WordSim-353 ρ of the last pair's vectors, evaluated by `fastsgns eval`.
#   usage: bench/pw-paired.sh CORPUS [PAIRS=5] [EPOCHS=1]; env: THREADS=2 CLI=…/fastsgns PW=/work/peers/pw/pWord2Vec
#          EVAL=/work/shared/eval (questions-words.txt, wordsim353.tsv)
#   e.g.   bench/pw-paired.sh /work/bench-data/books.txt 5 1      (the book corpus of bench/books-corpus.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$1 pairs=${2:-5} epochs=${3:-1}
threads=${THREADS:-2}
cli=${CLI:-src/FastSgns.Cli/bin/Release/net10.0/fastsgns}
pw=${PW:-/work/peers/pw/pWord2Vec}
eval_dir=${EVAL:-/work/shared/eval}
source bench/openblas-core.sh
openblas_core "$pw"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "corpus $corpus: $(wc -w < "$corpus") words in $(wc -l < "$corpus") lines, $epochs epoch(s), $threads threads, $pairs pair(s); $(uptime)"

# One run: prints "wall cpu train words_per_second"; the last two are FastSgns's log ("-" for pWord2Vec).
run() {
  /usr/bin/time -f "%e %U %S" -o "$scratch/time" "$@" >"$scratch/log" 2>&1 || { cat "$scratch/log" >&2; exit 1; }
  local train rate
  train=$(tr '\r' '\n' <"$scratch/log" | sed -n 's/^train: [0-9,]* words in \([0-9.]*\) s.*/\1/p' | tail -1)
  rate=$(tr '\r' '\n' <"$scratch/log" | sed -n 's/^train: [0-9,]* words in [0-9.]* s, \([0-9.]*[kM]\) words\/s,.*/\1/p' | tail -1)
  awk -v t="${train:--}" -v r="${rate:--}" '{ printf "%.2f %.2f %s %s\n", $1, $2 + $3, t, r }' "$scratch/time"
}
fastsgns() {
  # Text vectors, as pWord2Vec writes them (-binary 0): both whole runs include formatting the same file.
  run "$cli" train --input "$corpus" --output "$scratch/f.txt" --threads "$threads" --dim 100 --window 5 --negative 5 \
    --sample 1e-4 --min-count 5 --alpha 0.025 --epochs "$epochs" --mode batched
}
pword2vec() {
  OPENBLAS_NUM_THREADS=1 run "$pw" -train "$corpus" -output "$scratch/p.txt" -size 100 -window 5 -negative 5 -sample 1e-4 \
    -min-count 5 -alpha 0.025 -iter "$epochs" -threads "$threads" -binary 0 -batch-size 11
}

printf '| pair | FastSgns whole s | FastSgns CPU s | FastSgns training s (words/s) | pWord2Vec whole s | pWord2Vec CPU s | whole ratio |\n'
printf '|---|---|---|---|---|---|---|\n'
ratios=()
for ((i = 1; i <= pairs; i++)); do
  read -r fw fc ft fr < <(fastsgns)
  read -r pw_wall pc _ _ < <(pword2vec)
  ratio=$(awk -v f="$fw" -v p="$pw_wall" 'BEGIN { printf "%.3f", p / f }')
  ratios+=("$ratio")
  printf '| %d | %s | %s | %s (%s) | %s | %s | %s |\n' "$i" "$fw" "$fc" "$ft" "$fr" "$pw_wall" "$pc" "$ratio"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "median whole-run ratio pWord2Vec/FastSgns: $(median "${ratios[@]}") (${ratios[*]})"
for model in f.txt p.txt; do
  echo "== $([[ $model == f.txt ]] && echo FastSgns batched || echo pWord2Vec) (last pair)"
  "$cli" eval --vectors "$scratch/$model" --analogies "$eval_dir/questions-words.txt" --similarity "$eval_dir/wordsim353.tsv" \
    | grep -E '^ *(total|wordsim353)'
done
echo "$(uptime)"
