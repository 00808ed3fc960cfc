#!/usr/bin/env bash
# Runs CBOW with negatives on wiki40m, 2 threads, once per line of a configuration file: "SEED SWITCHES ALPHA EPOCHS"
# (SWITCHES comma-separated X_…=v of bench/experiments/cbow-late-switches.patch, or none), on the switches build
# $XCLI (main 168510d with that patch). Prints a markdown table.
#   usage: XCLI=/tmp/xdiv/fastsgns bench/experiments/cbow-late-switches.sh CONFIGS
set -uo pipefail
corpus=${CORPUS:-/work/bench-data/wiki40m.txt}
ev=${EVAL_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/../shared/eval}
source "$(dirname "$0")/cbow-run.sh"
echo "| seed | switches | alpha | epochs | analogies % | WordSim ρ | training s |"
echo "|---|---|---|---|---|---|---|"
while read -r s switches alpha epochs; do
  [[ -z $s ]] && continue
  sw=${switches//,/ }; [[ $sw == none ]] && sw=""
  # shellcheck disable=SC2086 # the switches are separate words
  read -r acc rho secs < <(cbow_run "${XCLI:?the switches build}" "$corpus" "$ev" "$s" "$alpha" "$epochs" $sw)
  echo "| $s | $switches | $alpha | $epochs | $acc | $rho | $secs |"
done < "${1:-/dev/stdin}"
