# Sourced by the CBOW experiment scripts: one run of CBOW with negatives on CORPUS (2 threads, PEERS.md's settings)
# under environment switches, scored by the build's own --eval-*; prints "analogies% rho training-seconds".
#   cbow_run CLI CORPUS EVAL_DIR SEED ALPHA EPOCHS [X_…=v …]
cbow_run() {
  local cli=$1 corpus=$2 eval_dir=$3 seed=$4 alpha=$5 epochs=$6 log
  shift 6
  log=$(env "$@" "$cli" train --input "$corpus" --output /dev/null --dim 100 --window 5 --sample 1e-4 --min-count 5 \
    --epochs "$epochs" --threads 2 --model cbow --negative 5 --alpha "$alpha" --seed "$seed" \
    --eval-analogies "$eval_dir/questions-words.txt" --eval-similarity "$eval_dir/wordsim353.tsv" 2>&1 | tr '\r' '\n')
  echo "$(awk '$1 == "total" { sub("%", "", $2); print $2 }' <<<"$log" | head -1)" \
    "$(awk '$1 ~ /wordsim353/ { print $2 }' <<<"$log" | head -1)" \
    "$(sed -n 's/^train: [0-9,]* words in \([0-9.]*\) s.*/\1/p' <<<"$log" | tail -1)"
}
