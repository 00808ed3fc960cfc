#!/usr/bin/env bash
# Checkpoint soak test (not in CI): one training run interrupted by SIGINT or SIGTERM at random moments, 50 times,
# each time resumed with --resume, must end with a model that loads and scores within noise of uninterrupted runs.
#
#   bench/soak.sh                      build first (./build.sh build); results go to bench/results/soak-<date>.md
#   SOAK_INTERRUPTS=50 SOAK_THREADS=1 SOAK_EPOCHS=60 SOAK_DIM=8 SOAK_REFERENCES=1 SOAK_SEED=20261128 bench/soak.sh  (the defaults)
#
# The corpus is the demo's synthetic text with planted analogies (bench/soak-corpus.cs writes it and its questions);
# accuracy is `fastsgns eval --analogies` on those questions (3CosAdd). The settings (dim 8) keep it below 100 % so
# a damaged resume would show. With SOAK_THREADS=1 the resumed model must also be byte-identical to the reference.
# Signals land anywhere: during start-up, counting or encoding (exit 130, nothing saved), during training (exit 75,
# a checkpoint saved) or while a checkpoint is being written. Every exit code is checked, and after the last run no
# checkpoint, id file or temporary may be left behind.
set -uo pipefail
# Job control on: without it, bash starts background commands with SIGINT ignored, and the CLI would never see it.
set -m
repo="$(cd "$(dirname "$0")/.." && pwd)"
cli="$repo/src/FastSgns.Cli/bin/Release/net10.0/fastsgns.dll"
interrupts="${SOAK_INTERRUPTS:-50}"
threads="${SOAK_THREADS:-1}"
epochs="${SOAK_EPOCHS:-60}"
dim="${SOAK_DIM:-8}"
references="${SOAK_REFERENCES:-1}"
RANDOM="${SOAK_SEED:-20261128}"
work="${SOAK_DIR:-/tmp/fastsgns-soak}"
result="${SOAK_RESULT:-$repo/bench/results/soak-$(date -u +%Y-%m-%d).md}"
[[ -f "$cli" ]] || { echo "soak: build first (./build.sh build)" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/run"

dotnet run "$repo/bench/soak-corpus.cs" -- "$work/corpus.txt" "$work/planted.txt" 60000 >/dev/null || exit 1
train=(train --input "$work/corpus.txt" --dim "$dim" --epochs "$epochs" --threads "$threads" --seed 1 --quiet)

# Accuracy (percent, two decimals) of a vector file on the planted questions.
accuracy() {
  dotnet "$cli" eval --vectors "$1" --analogies "$work/planted.txt" --json |
    python3 -c 'import json,sys; a=json.load(sys.stdin)["analogies"]["sections"]; print("%.2f" % (100*sum(s["correct"] for s in a)/sum(s["total"] for s in a)))'
}

ref_acc=()
ref_secs=()
for ((r = 1; r <= references; r++)); do
  start=$(date +%s.%N)
  dotnet "$cli" "${train[@]}" --output "$work/reference$r.txt" 2>"$work/reference$r.log" || { echo "soak: reference run $r failed" >&2; exit 1; }
  ref_secs+=("$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")")
  ref_acc+=("$(accuracy "$work/reference$r.txt")")
  echo "reference $r: ${ref_acc[-1]} % in ${ref_secs[-1]} s"
done

# The interrupted run: resume whenever a checkpoint exists, signal at a random moment 0.2-3.0 s after each start.
output="$work/run/vectors.txt"
sent=0 runs=0 saved=0 early=0 finished_early=0 fail=""
codes=()
soak_start=$(date +%s.%N)
while :; do
  extra=()
  [[ -f "$output.checkpoint" ]] && extra=(--resume)
  runs=$((runs + 1))
  dotnet "$cli" "${train[@]}" --output "$output" "${extra[@]}" 2>>"$work/soak.log" &
  pid=$!
  if ((sent < interrupts)); then
    delay_ms=$((200 + RANDOM % 2800))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    signal=$([[ $((RANDOM % 2)) == 0 ]] && echo INT || echo TERM)
    if kill -0 "$pid" 2>/dev/null; then
      kill -s "$signal" "$pid" 2>/dev/null && sent=$((sent + 1))
    fi
  fi
  wait "$pid"
  code=$?
  codes+=("$code")
  case "$code" in
    75) saved=$((saved + 1)) ;;
    130 | 143) early=$((early + 1)) ;;
    0) ((sent < interrupts)) && finished_early=1; break ;;
    *) fail="run $runs exited $code (see $work/soak.log)"; break ;;
  esac
  if ((runs > interrupts + 20)); then fail="no end after $runs runs"; break; fi
done
soak_secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $soak_start" | bc)")

left=$(find "$work/run" -mindepth 1 ! -name vectors.txt | wc -l)
[[ -z "$fail" && ! -f "$output" ]] && fail="no model written"
[[ -z "$fail" && "$left" != 0 ]] && fail="$left file(s) left beside the model: $(ls -A "$work/run" | tr '\n' ' ')"
soak_acc=""
if [[ -z "$fail" ]]; then
  soak_acc=$(accuracy "$output") || fail="the model does not load"
fi

# Within noise: inside the references' range widened by twice their spread, and never less than 1 point either side.
verdict=$(python3 - "$soak_acc" "${ref_acc[@]}" <<'EOF'
import sys
soak = sys.argv[1]
refs = [float(x) for x in sys.argv[2:]]
if not soak:
    print("FAIL"); sys.exit()
lo, hi = min(refs), max(refs)
margin = max(2 * (hi - lo), 1.0)
print("PASS" if lo - margin <= float(soak) <= hi + margin else "FAIL", "(band %.2f-%.2f %%)" % (lo - margin, hi + margin))
EOF
)
identical="not compared (Hogwild with $threads threads is not deterministic)"
if [[ "$threads" == 1 && -z "$fail" ]]; then
  cmp -s "$output" "$work/reference1.txt" && identical="yes, byte for byte" || { identical="NO"; fail="resumed model differs from the reference"; }
fi
[[ -n "$fail" ]] && verdict="FAIL: $fail"

mkdir -p "$(dirname "$result")"
# SOAK_APPEND=1 adds this run's section to the result file instead of replacing it (a second configuration).
[[ "${SOAK_APPEND:-0}" == 1 ]] && exec 3>>"$result" || exec 3>"$result"
{
  [[ "${SOAK_APPEND:-0}" == 1 ]] && echo && echo "## $threads threads" || echo "# Checkpoint soak, $(date -u +%Y-%m-%d)"
  echo
  echo "\`bench/soak.sh\` (SOAK_INTERRUPTS=$interrupts SOAK_THREADS=$threads SOAK_EPOCHS=$epochs SOAK_DIM=$dim SOAK_REFERENCES=$references), commit $(git -C "$repo" rev-parse --short HEAD)."
  echo "Corpus: the demo's synthetic text, 60,000 sentences (600,000 tokens), 1,800 planted analogies; \`fastsgns train $(echo "${train[@]:3}" | sed "s|$work/||g") --output …\`."
  echo "Machine: 2 cores shared with other jobs, so seconds are noisy."
  echo
  echo "| | value |"
  echo "|---|---|"
  echo "| uninterrupted runs: planted-analogy accuracy | $(IFS=,; echo "${ref_acc[*]}" | sed 's/,/ %, /g') % |"
  echo "| uninterrupted runs: seconds | $(IFS=,; echo "${ref_secs[*]}" | sed 's/,/, /g') |"
  echo "| signals sent (SIGINT or SIGTERM, 0.2-3.0 s after each start) | $sent |"
  echo "| runs | $runs: $saved saved a checkpoint (exit 75), $early were stopped before training (exit 130, or 143 when SIGTERM came before the handlers), the last finished (exit 0) |"
  echo "| exit codes in order | $(echo "${codes[*]}") |"
  echo "| interrupted run: wall seconds, all runs | $soak_secs |"
  echo "| interrupted run: planted-analogy accuracy | ${soak_acc:-none} % |"
  echo "| byte-identical to the reference | $identical |"
  echo "| files left beside the model | $left |"
  echo "| verdict | $verdict |"
  ((finished_early)) && echo && echo "Note: training finished before all $interrupts signals were sent; raise SOAK_EPOCHS."
} >&3
cat "$result"
[[ "$verdict" == PASS* ]]
