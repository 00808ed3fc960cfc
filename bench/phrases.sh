#!/usr/bin/env bash
# word2vec.c's word2phrase and `fastsgns phrases` on the same corpus in the same command, alternating which runs
# first: each pair reports both runs' wall and CPU seconds and MB/s, the speed ratio, and whether the outputs are the
# same (word for word, line for line) and how far their phrase sets overlap. The machine is shared and noisy: the
# paired ratios are what to read, and `uptime` is printed before and after.
#
#   bench/phrases.sh [CORPUS] [PAIRS] [THREADS]
#   defaults: /work/bench-data/wiki40m.txt, 2 pairs, 2 threads; WORD2PHRASE=/work/peers/word2phrase.
# Default settings on both sides (min-count 5, threshold 100). Outputs go to a scratch directory that is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-/work/bench-data/wiki40m.txt}
pairs=${2:-2}
threads=${3:-2}
word2phrase=${WORD2PHRASE:-/work/peers/word2phrase}
cli=src/FastSgns.Cli/bin/Release/net10.0/fastsgns
[[ -x $cli ]] || ./build.sh build >/dev/null
[[ -x $word2phrase ]] || { echo "word2phrase not found at $word2phrase (set WORD2PHRASE)" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN { printf "%.1f", b / 1e6 }')

# One run: prints "wall_seconds cpu_seconds".
timed() {
  /usr/bin/time -f "%e %U %S" -o "$scratch/time" "$@" >/dev/null 2>"$scratch/log" || { cat "$scratch/log" >&2; exit 1; }
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$scratch/time"
}
w2p() { timed "$word2phrase" -train "$corpus" -output "$scratch/w2p.txt" -debug 0; }
ours() { timed "$cli" phrases --input "$corpus" --output "$scratch/ours.txt" --threads "$threads" --quiet; }

echo "uptime before: $(uptime)"
echo "corpus: $corpus ($mb MB), fastsgns threads: $threads"
echo
echo "| pair | first | word2phrase wall s | cpu s | MB/s | fastsgns wall s | cpu s | MB/s | wall ratio | cpu ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|"
ratios=()
for ((i = 1; i <= pairs; i++)); do
  if (( i % 2 )); then
    read -r ww wc < <(w2p); read -r ow oc < <(ours); first=word2phrase
  else
    read -r ow oc < <(ours); read -r ww wc < <(w2p); first=fastsgns
  fi
  ratio=$(awk -v a="$ww" -v b="$ow" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$ratio")
  awk -v i="$i" -v f="$first" -v ww="$ww" -v wc="$wc" -v ow="$ow" -v oc="$oc" -v mb="$mb" -v r="$ratio" 'BEGIN {
    printf "| %d | %s | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f | %s | %.2f |\n", i, f, ww, wc, mb / ww, ow, oc, mb / ow, r, wc / oc }'
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "median wall-time ratio word2phrase/fastsgns: $(median "${ratios[@]}") (above 1: fastsgns faster)"

# word2phrase writes a space before every word, the first of a line too; otherwise the formats agree.
sed 's/^ //' "$scratch/w2p.txt" > "$scratch/w2p.norm"
if cmp -s "$scratch/w2p.norm" "$scratch/ours.txt"; then same="identical"; else
  # Name the first difference, count the bytes that differ and show the first differing words.
  # (cmp exits 1 on a difference: `|| true` keeps set -e and pipefail from ending the script here.)
  lines=$(cmp -l "$scratch/w2p.norm" "$scratch/ours.txt" 2>/dev/null | wc -l || true)
  first_difference=$(cmp "$scratch/w2p.norm" "$scratch/ours.txt" 2>&1 | head -1 || true)
  same="DIFFERENT ($first_difference; $lines bytes differ)"
  diff <(tr ' ' '\n' < "$scratch/w2p.norm") <(tr ' ' '\n' < "$scratch/ours.txt") | head -6 >&2 || true
fi
phrases() { tr ' ' '\n' < "$1" | grep '_' | sort -u; }
phrases "$scratch/w2p.norm" > "$scratch/w2p.set"
phrases "$scratch/ours.txt" > "$scratch/ours.set"
both=$(comm -12 "$scratch/w2p.set" "$scratch/ours.set" | wc -l)
only_w2p=$(comm -23 "$scratch/w2p.set" "$scratch/ours.set" | wc -l)
only_ours=$(comm -13 "$scratch/w2p.set" "$scratch/ours.set" | wc -l)
echo "outputs: $same; distinct joined tokens: $both in both, $only_w2p only in word2phrase's, $only_ours only in fastsgns's"
echo "uptime after: $(uptime)"
