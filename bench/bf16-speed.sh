#!/usr/bin/env bash
# What `--precision bf16` does to speed and memory, and that the float path did not slow down: builds BASE (default
# main) and this checkout's HEAD in scratch worktrees, then trains batched skip-gram (PEERS.md's settings: dim 100,
# window 5, negative 5, sample 1e-4, min-count 5, alpha 0.025) in turn — base fp32, head fp32, head bf16, then again —
# PAIRS times in one command, so load drifts hit every build alike. Per run: CPU seconds (user + sys), wall seconds,
# peak RSS and the training stage's seconds and words/s from the log. Then medians over the rounds of each ratio to the
# round's head fp32 run (CPU seconds and training seconds). On a busy machine trust the CPU-second ratios.
#   usage: bench/bf16-speed.sh [CORPUS=/work/bench-data/wiki40m.txt] [PAIRS=3] [THREADS=2] [EPOCHS=1] [BASE=main]
#   e.g.   bench/bf16-speed.sh /work/bench-data/gen100m.txt 3     # the large vocabulary (1.3 M words kept)
#   env:   CONFIGS="base:fp32 head:fp32 head:bf16" (the default; each round runs them in this order, and the ratios are
#          to head:fp32 when it is among them, else to the last); a base that has --precision takes it too.
set -euo pipefail
corpus=${1:-/work/bench-data/wiki40m.txt} pairs=${2:-3} threads=${3:-2} epochs=${4:-1} base=${5:-main}
repo=$(git rev-parse --show-toplevel)
scratch=$(mktemp -d)
# Names of their own: worktrees of one repository share an admin directory per name.
trap 'for w in base head; do git -C "$repo" worktree remove --force "$scratch/bf16-speed-$w" >/dev/null 2>&1 || true; done; rm -rf "$scratch"' EXIT
declare -A commit=([base]=$(git -C "$repo" rev-parse "$base") [head]=$(git -C "$repo" rev-parse HEAD))
for w in base head; do
  git -C "$repo" worktree add --detach -q "$scratch/bf16-speed-$w" "${commit[$w]}"
  [[ $(git -C "$scratch/bf16-speed-$w" rev-parse HEAD) == "${commit[$w]}" && -z $(git -C "$scratch/bf16-speed-$w" status --porcelain) ]] \
    || { echo "the scratch worktree $w is not a clean ${commit[$w]}" >&2; exit 1; }
  dotnet build "$scratch/bf16-speed-$w/src/FastSgns.Cli/FastSgns.Cli.csproj" -c Release -o "$scratch/cli-$w" -v q -nologo >/dev/null
done
echo "corpus $corpus, $threads thread(s), $epochs epoch(s), $pairs round(s); base $base = ${commit[base]:0:7}, head ${commit[head]:0:7}; $(uptime)"

read -r -a configs <<<"${CONFIGS:-base:fp32 head:fp32 head:bf16}"
# One run: prints "user sys wall peak_rss_kb training_seconds training_words_per_second". A base build that predates
# --precision trains fp32 without the flag.
run() {
  local cli=$1 precision=$2 flag=()
  if [[ $cli != *cli-base* ]] || "$cli" train --help | grep -q -- --precision; then flag=(--precision "$precision"); fi
  /usr/bin/time -f '%U %S %e %M' -o "$scratch/time" "$cli" train --input "$corpus" --output /dev/null --threads "$threads" \
    --epochs "$epochs" --mode batched --dim 100 --window 5 --negative 5 --sample 1e-4 --min-count 5 --alpha 0.025 \
    "${flag[@]}" >"$scratch/log" 2>&1 || { cat "$scratch/log" >&2; exit 1; }
  local training
  training=$(tr '\r' '\n' <"$scratch/log" | sed -n 's/^train: \([0-9,]*\) words in \([0-9.]*\) s.*/\1 \2/p' | tail -1 | tr -d , | awk '{ printf "%s %.0f", $2, $1 / $2 }')
  echo "$(cat "$scratch/time") $training"
}

printf '| round | build | precision | user s | sys s | wall s | peak RSS MB | training s | training words/s |\n|---|---|---|---|---|---|---|---|---|\n'
: >"$scratch/rows"
for ((p = 1; p <= pairs; p++)); do
  for config in "${configs[@]}"; do
    build=${config%%:*} precision=${config##*:}
    read -r user sys wall rss secs rate < <(run "$scratch/cli-$build/fastsgns" "$precision")
    printf '| %d | %s | %s | %s | %s | %s | %.0f | %s | %s |\n' "$p" "$build" "$precision" "$user" "$sys" "$wall" "$((rss / 1024))" "$secs" "$rate"
    echo "$p $build:$precision $user $sys $secs" >>"$scratch/rows"
  done
done

reference=head:fp32
[[ " ${configs[*]} " == *" head:fp32 "* ]] || reference=${configs[-1]}
echo
echo "medians over the rounds of each run's ratio to the same round's $reference run:"
awk -v ref="$reference" '
  { cpu[$1, $2] = $3 + $4; train[$1, $2] = $5; rounds = $1 > rounds ? $1 : rounds; if (!seen[$2]++) order[++n] = $2 }
  function median(a, m,   i, j, t) { for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
  END {
    for (o = 1; o <= n; o++) {
      if (order[o] == ref) continue
      for (r = 1; r <= rounds; r++) { c[r] = cpu[r, order[o]] / cpu[r, ref]; t[r] = train[r, order[o]] / train[r, ref] }
      printf "  %s / %s: CPU seconds %.3f, training seconds %.3f\n", order[o], ref, median(c, rounds), median(t, rounds)
    }
  }' "$scratch/rows"
