#!/usr/bin/env bash
# Scale benchmark: generate a Zipfian corpus of TOKENS tokens, then count, encode and train (dim 100, 2 threads),
# logging MB/s per stage, words/s and peak RSS (VmHWM). Training a full epoch of 10^8+ words takes long on a shared
# 2-core machine, so it can be interrupted after TRAIN_SECONDS (0 = run the whole epoch) with SIGTERM, which also
# measures writing a checkpoint (SIGINT would not do: a non-interactive shell starts background jobs with SIGINT ignored);
# a second, cheap run (dim 8, window 1, 1 negative) then reads the whole id file once to show that RSS does not grow
# with it. Everything is written under WORK and deleted at the end.
#   usage: bench/scale.sh [TOKENS=100000000] [WORK=/tmp/fastsgns-scale] ; env: TRAIN_SECONDS=0 KERNEL=native
set -euo pipefail
cd "$(dirname "$0")/.."
tokens=${1:-100000000}
work=${2:-/tmp/fastsgns-scale}
train_seconds=${TRAIN_SECONDS:-0}
kernel=${KERNEL:-native}
cli=src/FastSgns.Cli/bin/Release/net10.0/fastsgns.dll
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
df -h "$work" | tail -1
need=$((tokens * 11 / 1000000))   # MB: text (~5.1 B/token) + ids (4 B/token) + checkpoint, with margin
avail=$(df -Pm "$work" | awk 'NR==2 {print $4}')
if (( avail < need )); then echo "need about $need MB in $work, have $avail MB" >&2; exit 1; fi

echo "== generate $tokens tokens"
/usr/bin/time -f "generate: wall %e s, user %U s, sys %S s, peak RSS %M KB" dotnet "$cli" generate --tokens "$tokens" --vocab 1500000 --output "$work/corpus.txt" --seed 1

echo "== train dim 100, 2 threads, $kernel kernel (TRAIN_SECONDS=$train_seconds)"
dotnet "$cli" train -i "$work/corpus.txt" -o "$work/vectors.bin" --binary --dim 100 --threads 2 --epochs 1 \
  --sample 1e-4 --min-count 5 --kernel "$kernel" > "$work/train.log" 2>&1 &
pid=$!
while kill -0 $pid 2>/dev/null && ! grep -q "train: kernel" "$work/train.log"; do sleep 1; done
if (( train_seconds > 0 )); then
  sleep "$train_seconds"
  kill -TERM $pid 2>/dev/null || true
fi
set +e
wait $pid
echo "exit code $?"
set -e
cat "$work/train.log"
ls -la "$work"/*.checkpoint 2>/dev/null || true
rm -f "$work"/*.checkpoint "$work"/vectors.bin

echo "== one full pass over the id file (dim 8, window 1, negative 1) to check that RSS stays bounded"
/usr/bin/time -f "train-pass: wall %e s, user %U s, sys %S s, peak RSS %M KB" dotnet "$cli" train -i "$work/corpus.txt" -o "$work/small.txt" \
  --dim 8 --window 1 --negative 1 --threads 2 --epochs 1 --sample 1e-4 --min-count 5 --kernel "$kernel" 2>&1 | grep -v "^ *[0-9.]*%"
ls -la "$work"
