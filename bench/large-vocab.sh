#!/usr/bin/env bash
# The memory-bound regime of #16: a large vocabulary (default: 100 M generated tokens, `fastsgns generate --tokens
# 100000000 --vocab 1500000 --seed 1`, 1.3 M words kept, 1.17 GB of matrices) trained by FastSgns batched (one or
# more builds) and pWord2Vec in the same command, turn about (F P F P …), PAIRS times. Per run: whole-run seconds and
# two training rates, each in-vocabulary words (as both trainers count them) over seconds:
#   "training words/s" — FastSgns's `train:` line, whose seconds are all of SgnsTrainer.Train: allocating and
#     initializing both matrices (mostly the kernel faulting 1.17 GB of fresh pages in), the sampling tables, the
#     workers, and the end (finiteness check, output matrix freed); pWord2Vec's own last progress figure, whose clock
#     starts after InitNet and its threads' loading of the text (its barrier) and stops at its last print, in the
#     slowest thread's last 10,000 words. The column #16's bar was first measured in; it charges FastSgns's start-up
#     to its rate and not pWord2Vec's.
#   "in-flight words/s" — the same span for both: FastSgns's final progress figure (the 100.00 % line: words over the
#     time from its workers' start to the last one's end, so the tail where one worker runs alone is in, as it is in
#     pWord2Vec's last figure) beside pWord2Vec's last progress figure (the same number as in the first column).
# Then per FastSgns build the median over the pairs of its rate over pWord2Vec's in each column (#16's bar: ≥ 2) and
# of pWord2Vec's whole run over its whole run.
#   usage: bench/large-vocab.sh [CORPUS=/work/bench-data/gen100m.txt] [PAIRS=3] [THREADS=2] [EPOCHS=1]
#   env:   CLIS="label=path …" (default: fastsgns=$CLI or this checkout's build); PW=/work/peers/pw/pWord2Vec;
#          OPENBLAS_CORETYPE (see bench/openblas-core.sh);
#          PW_HUGEPAGES=1 (default) runs pWord2Vec with GLIBC_TUNABLES=glibc.malloc.hugetlb=1, so glibc's malloc asks
#          for transparent huge pages as FastSgns does for its matrices (with THP in madvise mode, PEERS.md's build
#          otherwise runs on 4 KB pages: 1.44-1.47 M against 1.80 M words/s, results/quiet-midday-2026-11-29.md §16);
#          PW_HUGEPAGES=0 runs it as PEERS.md builds it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/openblas-core.sh
corpus=${1:-/work/bench-data/gen100m.txt} pairs=${2:-3} threads=${3:-2} epochs=${4:-1}
read -r -a clis <<<"${CLIS:-fastsgns=${CLI:-src/FastSgns.Cli/bin/Release/net10.0/fastsgns}}"
pw=${PW:-/work/peers/pw/pWord2Vec}
pw_tunables=
[[ ${PW_HUGEPAGES:-1} == 1 ]] && pw_tunables=glibc.malloc.hugetlb=1
[[ -f $corpus ]] || { echo "no corpus $corpus; make it with: fastsgns generate --tokens 100000000 --vocab 1500000 --seed 1 --output $corpus" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "corpus $corpus, $threads thread(s), $epochs epoch(s), $pairs pair(s); pWord2Vec GLIBC_TUNABLES=${pw_tunables:-(unset: 4 KB pages)}; THP $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null); $(uptime)"
openblas_core "$pw"

# One run: prints "whole_seconds training_words_per_second in_flight_words_per_second". A build named by its
# fastsgns.dll runs through dotnet.
fastsgns() {
  local cli=("$1")
  [[ $1 == *.dll ]] && cli=(dotnet "$1")
  /usr/bin/time -f "%e" -o "$scratch/time" "${cli[@]}" train --input "$corpus" --output "$scratch/f.bin" --binary --threads "$threads" \
    --sample 1e-4 --epochs "$epochs" --mode batched >"$scratch/log" 2>&1 || { cat "$scratch/log" >&2; exit 1; }
  local rate
  rate=$(tr '\r' '\n' <"$scratch/log" | sed -n 's/^train: \([0-9,]*\) words in \([0-9.]*\) s.*/\1 \2/p' | tail -1 | tr -d , | awk '{ printf "%.0f", $1 / $2 }')
  local flight
  flight=$(tr '\r' '\n' <"$scratch/log" | sed -n 's/^ *100\.00%  words\/s *\([0-9.]*\)k.*/\1/p' | tail -1 | awk '{ printf "%.0f", $1 * 1000 }')
  echo "$(cat "$scratch/time") $rate ${flight:-0}"
}
pword2vec() {
  GLIBC_TUNABLES=$pw_tunables OPENBLAS_NUM_THREADS=1 /usr/bin/time -f "%e" -o "$scratch/time" "$pw" -train "$corpus" -output "$scratch/p.txt" -size 100 -window 5 \
    -negative 5 -sample 1e-4 -min-count 5 -alpha 0.025 -iter "$epochs" -threads "$threads" -binary 0 -batch-size 11 -debug 2 \
    >"$scratch/log" 2>&1 || { cat "$scratch/log" >&2; exit 1; }
  local rate
  rate=$(tr '\r' '\n' <"$scratch/log" | sed -n 's/.*Words\/sec: \([0-9.]*\)k.*/\1/p' | tail -1 | awk '{ printf "%.0f", $1 * 1000 }')
  echo "$(cat "$scratch/time") $rate $rate"
}

printf '| pair | trainer | whole s | training words/s | in-flight words/s |\n|---|---|---|---|---|\n'
declare -A whole rate flight
for ((p = 1; p <= pairs; p++)); do
  for entry in "${clis[@]}" pword2vec; do
    label=${entry%%=*}
    if [[ $label == pword2vec ]]; then read -r w r f < <(pword2vec); else read -r w r f < <(fastsgns "${entry#*=}"); fi
    whole[$label,$p]=$w rate[$label,$p]=$r flight[$label,$p]=$f
    printf '| %d | %s | %s | %s | %s |\n' "$p" "$label" "$w" "$r" "$f"
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
for entry in "${clis[@]}"; do
  label=${entry%%=*} train=() inflight=() run=()
  for ((p = 1; p <= pairs; p++)); do
    train+=("$(awk -v a="${rate[$label,$p]}" -v b="${rate[pword2vec,$p]}" 'BEGIN { printf "%.3f", a / b }')")
    inflight+=("$(awk -v a="${flight[$label,$p]}" -v b="${flight[pword2vec,$p]}" 'BEGIN { printf "%.3f", a / b }')")
    run+=("$(awk -v a="${whole[pword2vec,$p]}" -v b="${whole[$label,$p]}" 'BEGIN { printf "%.3f", a / b }')")
  done
  echo "$label over pWord2Vec: training throughput median $(median "${train[@]}") (${train[*]}); in-flight median $(median "${inflight[@]}") (${inflight[*]}); whole run median $(median "${run[@]}") (${run[*]})"
done
echo "$(uptime)"
