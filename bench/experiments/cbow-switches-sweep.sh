#!/usr/bin/env bash
# gensim's CBOW inner-loop switches together, without gensim's sawtooth schedule, and two schedule variants around
# them: CBOW with negatives, 5 epochs, 2 threads, on the switches build (main 72bbbc5 with
# bench/experiments/cbow-gensim-switches-eve.patch applied, built to $XCLI). Seeds in the outer loop so every
# configuration sees the same host. Prints a markdown table.
#   usage: XCLI=/tmp/xcbow-cli/fastsgns bench/experiments/cbow-switches-sweep.sh CORPUS ["SEEDS"]
set -uo pipefail
corpus=$1 seeds=${2:-1 2 3}
eval_dir=${EVAL_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/../shared/eval}
source "$(dirname "$0")/cbow-run.sh"
# name:switches:alpha
configs=("four:X_END=0.1 X_INIT=2 X_SAT=1 X_NEGSKIP=1 X_SIG83=1:0.05" "three:X_END=0.1 X_INIT=2 X_SAT=1 X_NEGSKIP=1:0.05"
  "three-a04:X_END=0.1 X_INIT=2 X_SAT=1 X_NEGSKIP=1:0.04" "three-end02:X_END=0.2 X_INIT=2 X_SAT=1 X_NEGSKIP=1:0.05")
echo "| seed | config | switches | alpha | analogies % | WordSim ρ | training s |"
echo "|---|---|---|---|---|---|---|"
for s in $seeds; do
  for c in "${configs[@]}"; do
    IFS=: read -r name switches alpha <<<"$c"
    # shellcheck disable=SC2086 # the switches are separate words
    read -r acc rho secs < <(cbow_run "$XCLI" "$corpus" "$eval_dir" "$s" "$alpha" 5 $switches)
    echo "| $s | $name | $switches | $alpha | $acc | $rho | $secs |"
  done
done
