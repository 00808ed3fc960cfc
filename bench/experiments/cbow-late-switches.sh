#!/usr/bin/env bash
# Runs CBOW with negatives on wiki40m, 2 threads, once per line of a configuration file: "SEED SWITCHES ALPHA EPOCHS"
# (SWITCHES comma-separated X_…=v of bench/experiments/cbow-late-switches.patch, or none), on the switches build
# $XCLI (main 168510d with that patch). Prints a markdown table.
#   usage: XCLI=/tmp/xdiv/fastsgns bench/experiments/cbow-late-switches.sh CONFIGS
set -uo pipefail
corpus=/work/bench-data/wiki40m.txt
ev=/work/shared/eval
echo "| seed | switches | alpha | epochs | analogies % | WordSim ρ | training s |"
echo "|---|---|---|---|---|---|---|"
while read -r s switches alpha epochs; do
  [[ -z $s ]] && continue
  sw=${switches//,/ }; [[ $sw == none ]] && sw=""
  log=$(env $sw "${XCLI:?the switches build}" train --input $corpus --output /dev/null --dim 100 --window 5 --sample 1e-4 --min-count 5 \
    --epochs $epochs --threads 2 --model cbow --negative 5 --alpha $alpha --seed $s \
    --eval-analogies $ev/questions-words.txt --eval-similarity $ev/wordsim353.tsv 2>&1 | tr '\r' '\n')
  acc=$(awk '$1 == "total" { sub("%", "", $2); print $2 }' <<<"$log" | head -1)
  rho=$(awk '$1 ~ /wordsim353/ { print $2 }' <<<"$log" | head -1)
  secs=$(sed -n 's/^train: [0-9,]* words in \([0-9.]*\) s.*/\1/p' <<<"$log" | tail -1)
  echo "| $s | $switches | $alpha | $epochs | $acc | $rho | $secs |"
done < "${1:-/dev/stdin}"
