#!/usr/bin/env bash
# 1 → 2 threads, FastSgns batched (one or more builds) and pWord2Vec, turn about in one command (each trainer at 1 then
# 2 threads, ROUNDS times): per run the whole-run wall seconds, FastSgns's own training seconds, the process's CPU
# seconds (user + sys, /usr/bin/time) and CPU microseconds per corpus word (words × epochs); then per trainer the
# median speed-up 1 → 2 threads and the median growth of CPU per word (2 threads over 1, same round); where the build
# logs its worker threads' CPU (`train: worker CPU a, b s`), also the growth of training's own CPU per word, σ of the
# scaling model (bench/results/scaling-model-2026-11-28.md), free of counting, encoding and start-up, and the CPU
# seconds outside training (the process's less its workers': start-up, counting, encoding, tables, writing, exit).
# CPU per word is the figure that survives a shared machine: other processes take wall time, not this one's CPU.
# From 2 threads on, also the spread of the workers' ends (last − first, seconds: the time a core idled at the end) and
# the ids moved between threads (builds that even out their workers log `train: worker t took N ids from worker u`).
#   usage: bench/scaling.sh CORPUS [EPOCHS=3] [ROUNDS=3]
#   env:   CLIS="label=path …" FastSgns builds to compare, executables or fastsgns.dll files (run with dotnet)
#          (default: fastsgns=$CLI or this checkout's build)
#          PW=/work/peers/pw/pWord2Vec (PW=none skips the peer); OPENBLAS_CORETYPE (see bench/openblas-core.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/openblas-core.sh
corpus=$1 epochs=${2:-3} rounds=${3:-3}
read -r -a clis <<<"${CLIS:-fastsgns=${CLI:-src/FastSgns.Cli/bin/Release/net10.0/fastsgns}}"
pw=${PW:-/work/peers/pw/pWord2Vec}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
words=$(wc -w < "$corpus")
echo "corpus $corpus: $words words, $epochs epoch(s), $rounds round(s); $(uptime)"
declare -A path
trainers=()
for entry in "${clis[@]}"; do
  path[${entry%%=*}]=${entry#*=}
  trainers+=("${entry%%=*}")
done
if [[ $pw != none ]]; then
  openblas_core "$pw"
  trainers+=(pword2vec)
fi

# One run: prints "wall cpu train ended workers spread moved"; train = FastSgns's own training seconds (its log), ended =
# when each of its workers ended (seconds into training, from 2 threads on: the imbalance), workers = its worker threads'
# CPU seconds summed, spread = last end − first end, moved = ids moved between its threads; "-" where the trainer does
# not say.
run() {
  /usr/bin/time -f "%e %U %S" -o "$scratch/time" "$@" >"$scratch/log" 2>&1 || { cat "$scratch/log" >&2; exit 1; }
  local train ended workers spread moved
  train=$(tr '\r' '\n' <"$scratch/log" | sed -n 's/^train: [0-9,]* words in \([0-9.]*\) s.*/\1/p' | tail -1)
  ended=$(tr '\r' '\n' <"$scratch/log" | sed -n 's/^train: workers ended at \(.*\) s$/\1/p' | tail -1 | tr -d ' ' | tr , /)
  workers=$(tr '\r' '\n' <"$scratch/log" | sed -n 's/^train: worker CPU \(.*\) s$/\1/p' | tail -1 | tr , ' ' | awk 'NF { s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.2f", s }')
  spread=$(echo "${ended:-}" | tr / ' ' | awk 'NF > 1 { lo = $1; hi = $1; for (i = 2; i <= NF; i++) { lo = $i < lo ? $i : lo; hi = $i > hi ? $i : hi }; printf "%.2f", hi - lo }')
  moved=$(tr '\r' '\n' <"$scratch/log" | sed -n 's/^train: worker [0-9]* took \([0-9,]*\) ids.*/\1/p' | tr -d , | awk '{ s += $1; n++ } END { printf "%d/%d", s, n }')
  awk -v t="${train:--}" -v e="${ended:--}" -v k="${workers:--}" -v sp="${spread:--}" -v m="$moved" '{ printf "%.2f %.2f %s %s %s %s %s\n", $1, $2 + $3, t, e, k, sp, m }' "$scratch/time"
}
train_with() {
  local trainer=$1 threads=$2
  if [[ $trainer == pword2vec ]]; then
    OPENBLAS_NUM_THREADS=1 run "$pw" -train "$corpus" -output "$scratch/p.txt" -size 100 -window 5 -negative 5 -sample 1e-4 \
      -min-count 5 -alpha 0.025 -iter "$epochs" -threads "$threads" -binary 0 -batch-size 11
  else
    local cli=${path[$trainer]}
    [[ $cli == *.dll ]] && cli="dotnet $cli"
    # shellcheck disable=SC2086 # "dotnet path" splits on purpose
    run $cli train --input "$corpus" --output "$scratch/f.bin" --binary --threads "$threads" --sample 1e-4 \
      --epochs "$epochs" --mode batched
  fi
}

printf '| round | trainer | threads | whole s | training s | workers ended s | end spread s | ids moved/moves | CPU s | CPU µs/word | worker CPU s | worker CPU µs/word |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n'
declare -A wall cpu wcpu spreads
perword() { awk -v c="$1" -v n="$words" -v e="$epochs" 'BEGIN { if (c == "-") print "-"; else printf "%.3f", c * 1e6 / (n * e) }'; }
for ((r = 1; r <= rounds; r++)); do
  for trainer in "${trainers[@]}"; do
    for t in 1 2; do
      read -r w c tr ended k sp m < <(train_with "$trainer" "$t")
      wall[$trainer,$t,$r]=$w cpu[$trainer,$t,$r]=$c wcpu[$trainer,$t,$r]=$k spreads[$trainer,$t,$r]=$sp
      printf '| %d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$r" "$trainer" "$t" "$w" "$tr" "$ended" "$sp" "$m" "$c" "$(perword "$c")" "$k" "$(perword "$k")"
    done
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
for trainer in "${trainers[@]}"; do
  speedups=() growths=() sigmas=()
  for ((r = 1; r <= rounds; r++)); do
    speedups+=("$(awk -v a="${wall[$trainer,1,$r]}" -v b="${wall[$trainer,2,$r]}" 'BEGIN { printf "%.3f", a / b }')")
    growths+=("$(awk -v a="${cpu[$trainer,1,$r]}" -v b="${cpu[$trainer,2,$r]}" 'BEGIN { printf "%.3f", b / a }')")
    if [[ ${wcpu[$trainer,1,$r]} != - && ${wcpu[$trainer,2,$r]} != - ]]; then
      sigmas+=("$(awk -v a="${wcpu[$trainer,1,$r]}" -v b="${wcpu[$trainer,2,$r]}" 'BEGIN { printf "%.3f", b / a }')")
    fi
  done
  echo "$trainer: 1 → 2 threads whole-run speed-up median $(median "${speedups[@]}") (${speedups[*]}); CPU per word 2 threads / 1 thread median $(median "${growths[@]}") (${growths[*]})"
  ends=()
  for ((r = 1; r <= rounds; r++)); do
    [[ ${spreads[$trainer,2,$r]} != - ]] && ends+=("${spreads[$trainer,2,$r]}")
  done
  if ((${#ends[@]})); then
    echo "$trainer: workers' end spread at 2 threads median $(median "${ends[@]}") s (${ends[*]})"
  fi
  if ((${#sigmas[@]})); then
    echo "$trainer: worker CPU per word 2 threads / 1 thread (1 + σ) median $(median "${sigmas[@]}") (${sigmas[*]})"
    # CPU outside training (start-up, counting, encoding, tables, writing, exit): the process's CPU less its workers'.
    for t in 1 2; do
      outside=()
      for ((r = 1; r <= rounds; r++)); do
        outside+=("$(awk -v c="${cpu[$trainer,$t,$r]}" -v k="${wcpu[$trainer,$t,$r]}" 'BEGIN { printf "%.2f", c - k }')")
      done
      echo "$trainer: CPU s outside training at $t thread(s) median $(median "${outside[@]}") (${outside[*]})"
    done
  fi
done
echo "$(uptime)"
