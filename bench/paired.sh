#!/usr/bin/env bash
# Paired runs of two fastsgns builds (A B A B …) on the same training command; prints each run's training and whole
# seconds and the median of the per-pair ratios. The machine is shared and noisy, so only the paired ratios mean much.
#
#   bench/paired.sh PAIRS LABEL_A CLI_A LABEL_B CLI_B -- train-arguments…
#   e.g. bench/paired.sh 5 before /tmp/before/fastsgns after src/FastSgns.Cli/bin/Release/net10.0/fastsgns -- \
#        --input wiki40m.txt --binary --threads 2 --sample 1e-4 --epochs 1 --mode batched --kernel avx512
#
# EXTRA_A / EXTRA_B (environment) add arguments to one side only, e.g. EXTRA_A="--kernel native" EXTRA_B="--kernel
# native-avx512" when a kernel was renamed between the builds.
# "ratio" is A's time over B's: above 1 means B is faster. Output goes to a scratch directory that is removed.
# Where both builds log their worker threads' CPU ("train: worker CPU a, b s"), the last columns are their sums and
# A's over B's: training's own CPU, the figure a loaded machine disturbs least (other processes take wall time).
set -euo pipefail
(( $# >= 6 )) || { echo "usage: $0 PAIRS LABEL_A CLI_A LABEL_B CLI_B -- train-args…" >&2; exit 1; }
pairs=$1 label_a=$2 cli_a=$3 label_b=$4 cli_b=$5
shift 5
[[ $1 == -- ]] && shift
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# One run: prints "train_seconds whole_seconds words_per_second worker_cpu_seconds" (the last "-" if not logged).
run_once() {
  local cli=$1; shift
  local log="$scratch/log" start end
  start=$(date +%s.%N)
  "$cli" train "$@" --output "$scratch/model.bin" >/dev/null 2>"$log"
  end=$(date +%s.%N)
  tr '\r' '\n' <"$log" | awk -v whole="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" '
    /^train: [0-9,]+ words in / { gsub(",", "", $2); seconds = $5; words = $2 }
    /^train: worker CPU / { cpu = 0; for (i = 4; i <= NF; i++) { gsub(",", "", $i); cpu += $i } }
    END { if (seconds == "") exit 1; printf "%.2f %.2f %.0f %s\n", seconds, whole, words / seconds, cpu == "" ? "-" : sprintf("%.2f", cpu) }'
}

printf '| pair | %s train s | %s train s | train ratio | %s whole s | %s whole s | whole ratio | %s worker CPU s | %s worker CPU s | CPU ratio |\n' \
  "$label_a" "$label_b" "$label_a" "$label_b" "$label_a" "$label_b"
printf '|---|---|---|---|---|---|---|---|---|---|\n'
train_ratios=() whole_ratios=() cpu_ratios=()
for ((i = 1; i <= pairs; i++)); do
  read -r ta wa _ ca < <(run_once "$cli_a" "$@" ${EXTRA_A:-})
  read -r tb wb _ cb < <(run_once "$cli_b" "$@" ${EXTRA_B:-})
  tr=$(awk -v a="$ta" -v b="$tb" 'BEGIN { printf "%.3f", a / b }')
  wr=$(awk -v a="$wa" -v b="$wb" 'BEGIN { printf "%.3f", a / b }')
  cr=-
  [[ $ca != - && $cb != - ]] && cr=$(awk -v a="$ca" -v b="$cb" 'BEGIN { printf "%.3f", a / b }') && cpu_ratios+=("$cr")
  train_ratios+=("$tr") whole_ratios+=("$wr")
  printf '| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$i" "$ta" "$tb" "$tr" "$wa" "$wb" "$wr" "$ca" "$cb" "$cr"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "median $label_a/$label_b ratio: training $(median "${train_ratios[@]}"), whole run $(median "${whole_ratios[@]}") (above 1: $label_b faster)"
if (( ${#cpu_ratios[@]} > 0 )); then
  echo "median $label_a/$label_b worker CPU ratio: $(median "${cpu_ratios[@]}") (above 1: $label_b uses less)"
fi
