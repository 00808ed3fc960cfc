#!/usr/bin/env bash
# Scale benchmark: generate a Zipfian corpus of TOKENS tokens, then count, encode and train (dim 100, 2 threads, one
# epoch), logging MB/s per stage, words/s and peak RSS (VmHWM, and /usr/bin/time's maximum for the whole process),
# and the peak's ratio to the two matrices. A full epoch of 10^9 words takes a while on a 2-core machine, so training
# can be stopped after TRAIN_SECONDS (0 = the whole epoch) with SIGTERM, which also measures writing a checkpoint
# (SIGINT would not do: a non-interactive shell starts background jobs with SIGINT ignored); a stopped run is followed
# by a cheap one (dim 8, window 1, 1 negative) that reads the whole id file once, to show that RSS does not grow with
# it. Everything is written under WORK and deleted at the end.
#   usage: bench/scale.sh [TOKENS=100000000] [WORK=/tmp/fastsgns-scale] ; env: TRAIN_SECONDS=0 KERNEL=auto MODE=pairs CLI=…/fastsgns.dll
set -euo pipefail
cd "$(dirname "$0")/.."
tokens=${1:-100000000}
work=${2:-/tmp/fastsgns-scale}
train_seconds=${TRAIN_SECONDS:-0}
kernel=${KERNEL:-auto}
mode=${MODE:-pairs}
cli=${CLI:-src/FastSgns.Cli/bin/Release/net10.0/fastsgns.dll}   # CLI=path: a copy, so rebuilding the tree mid-run is safe
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
df -h "$work" | tail -1
need=$((tokens * 11 / 1000000))   # MB: text (~5.1 B/token) + ids (4 B/token) + checkpoint, with margin
avail=$(df -Pm "$work" | awk 'NR==2 {print $4}')
if (( avail < need )); then echo "need about $need MB in $work, have $avail MB" >&2; exit 1; fi

echo "== generate $tokens tokens"
/usr/bin/time -f "generate: wall %e s, user %U s, sys %S s, peak RSS %M KB" dotnet "$cli" generate --tokens "$tokens" --vocab 1500000 --output "$work/corpus.txt" --seed 1

echo "== train dim 100, 2 threads, $kernel kernel, $mode mode (TRAIN_SECONDS=$train_seconds)"
/usr/bin/time -f "train process: wall %e s, user %U s, sys %S s, peak RSS %M KB" \
  dotnet "$cli" train -i "$work/corpus.txt" -o "$work/vectors.bin" --binary --dim 100 --threads 2 --epochs 1 \
  --sample 1e-4 --min-count 5 --kernel "$kernel" --mode "$mode" --checkpoint "$work/train.checkpoint" > "$work/train.log" 2>&1 &
pid=$!
while kill -0 $pid 2>/dev/null && ! grep -q "train: kernel" "$work/train.log"; do sleep 1; done
if (( train_seconds > 0 )); then
  sleep "$train_seconds"
  pkill -TERM -P $pid 2>/dev/null || true   # the trainer, not /usr/bin/time, which would die without reporting
fi
set +e
wait $pid
echo "exit code $?"
set -e
# The progress line rewrites itself with \r; keep its last state per line.
tr '\r' '\n' < "$work/train.log" | grep -v "ETA" || true
tr '\r' '\n' < "$work/train.log" | grep "ETA" | tail -1 || true
matrix_mb=$(sed -n 's/.*2 × \([0-9.]*\) MB, are allocated.*/\1/p' "$work/train.log")
heap_mb=$(sed -n 's/.*(managed heap \([0-9]*\) MB) before the two matrices.*/\1/p' "$work/train.log")
peak_kb=$(sed -n 's/^train process: .*peak RSS \([0-9]*\) KB/\1/p' "$work/train.log")
if [[ -n "$matrix_mb" && -n "$heap_mb" && -n "$peak_kb" ]]; then
  # The managed heap after counting is released is the vocabulary (words, counts, lookup table).
  awk -v m="$matrix_mb" -v h="$heap_mb" -v p="$peak_kb" 'BEGIN { peak = p * 1.024 / 1000;
    printf "peak RSS %.0f MB = %.2f x the two matrices (%.1f MB) = %.2f x matrices + vocabulary (%.1f MB)\n", peak, peak / (2 * m), 2 * m, peak / (2 * m + h), 2 * m + h }'
fi
ls -la "$work"/*.checkpoint 2>/dev/null || true
rm -f "$work"/*.checkpoint "$work"/vectors.bin
if (( train_seconds == 0 )); then ls -la "$work"; exit 0; fi

echo "== one full pass over the id file (dim 8, window 1, negative 1) to check that RSS stays bounded"
/usr/bin/time -f "train-pass: wall %e s, user %U s, sys %S s, peak RSS %M KB" dotnet "$cli" train -i "$work/corpus.txt" -o "$work/small.txt" \
  --dim 8 --window 1 --negative 1 --threads 2 --epochs 1 --sample 1e-4 --min-count 5 --kernel "$kernel" 2>&1 | grep -v "^ *[0-9.]*%"
ls -la "$work"
