#!/usr/bin/env bash
# Which of cbow11's gensim switches (bench/experiments/cbow-gensim-switches-eve.patch, applied to 72bbbc5 and built to
# $XCLI) moves CBOW's 5-epoch accuracy on wiki40m: each alone on top of the new default (alpha 0.05 decayed to alpha/10,
# X_END=0.1), then all together, seeds in the outer loop so every configuration sees the same host.
#   usage: XCLI=/tmp/xcbow-cli/fastsgns bench/experiments/cbow-switches-one-at-a-time.sh CORPUS "SEEDS" [EPOCHS=5]
set -euo pipefail
corpus=$1 seeds=$2 epochs=${3:-5}
eval_dir=${EVAL_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/../shared/eval}
source "$(dirname "$0")/cbow-run.sh"
configs=("ref:" "sched:X_SCHED=1" "init:X_INIT=2" "sat:X_SAT=1" "negskip:X_NEGSKIP=1" "all:X_SCHED=1 X_INIT=2 X_SAT=1 X_NEGSKIP=1 X_SIG83=1")
echo "| seed | config | switches | analogies % | WordSim ρ | training s |"
echo "|---|---|---|---|---|---|"
for s in $seeds; do
  for c in "${configs[@]}"; do
    name=${c%%:*} switches=${c#*:}
    # shellcheck disable=SC2086 # the switches are separate words
    read -r acc rho secs < <(cbow_run "$XCLI" "$corpus" "$eval_dir" "$s" 0.05 "$epochs" X_END=0.1 $switches)
    echo "| $s | $name | ${switches:-none} | $acc | $rho | $secs |"
  done
done
