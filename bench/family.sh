#!/usr/bin/env bash
# CBOW and hierarchical softmax against the peers that have them, in one command, one run after another, each
# peer's vectors scored by the same evaluator (fastsgns eval: questions-words 3CosAdd over the 30,000 most frequent
# words, WordSim-353 Spearman ρ). PEERS.md's settings (dim 100, window 5, sample 1e-4, min-count 5) otherwise.
#
#   bench/family.sh cbow CORPUS EPOCHS [THREADS]   FastSgns --model cbow (its default alpha: 0.075 at 1 epoch, 0.05 from 5, seeds 1 and
#                                                  2) and at word2vec.c's --alpha 0.05; word2vec.c -cbow 1 -hs 0 -negative 5
#                                                  -alpha 0.05; gensim sg=0 negative=5 alpha=0.05 (corpus_file)
#   bench/family.sh cbow-alpha CORPUS EPOCHS [THREADS]
#                                                  why gensim's CBOW learned more than word2vec.c's: FastSgns CBOW
#                                                  at alpha 0.05, 0.075 and 0.1; gensim at alpha 0.05 with THREADS
#                                                  workers and with 1 (each corpus_file worker decays the rate over
#                                                  its own share, so with W workers it ends near alpha·(1 − 1/W)
#                                                  after 1 epoch; with 1 worker it decays to 0 as word2vec.c does)
#   bench/family.sh cbow-input CORPUS EPOCHS [THREADS]
#                                                  where gensim's CBOW lead comes from: gensim sg=0 alpha=0.05 through
#                                                  corpus_file (each worker its half of the file, the rate restarted
#                                                  per epoch) and through an iterable (LineSentence, gensim's job
#                                                  queue, one linear decay as word2vec.c), then FastSgns --model cbow
#                                                  --alpha 0.05 once per --seed (SEEDS, default "1 2")
#   bench/family.sh cbow-seeds CORPUS EPOCHS [THREADS]
#                                                  the CBOW bar with seeds on both sides: FastSgns --model cbow (its
#                                                  default alpha) once per --seed (SEEDS, default "1 2 3") turn about
#                                                  with gensim sg=0 alpha=0.05 corpus_file once per gensim seed
#                                                  (GENSIM_SEEDS, default "1 2 3"), then each trainer's mean; gensim's
#                                                  seed moves it as much as FastSgns's moves FastSgns (0.7 points at
#                                                  5 epochs of wiki10m), so one gensim seed is not its level
#   bench/family.sh hs CORPUS EPOCHS [THREADS]     FastSgns --hs --negative 0, skip-gram (per pair and
#                                                  --mode batched) and CBOW; word2vec.c -hs 1 -negative 0, -cbow 0
#                                                  and -cbow 1
#   bench/family.sh hs-seeds CORPUS EPOCHS [THREADS]
#                                                  accuracy over seeds (SEEDS, default "1 2 3"): FastSgns batched
#                                                  skip-gram HS and CBOW HS once per --seed, then word2vec.c's two
#                                                  (it has no seed option: once each); 1 epoch of wiki10m moves ρ by
#                                                  about ±0.03 from seed to seed
#   bench/family.sh cbow-hs-seeds CORPUS EPOCHS [THREADS]
#                                                  FastSgns CBOW HS alone, once per --seed (SEEDS), no peer: to
#                                                  compare two builds' accuracy, run it with CLI set to each
#   bench/family.sh cbow-hs CORPUS EPOCHS [THREADS]
#                                                  CBOW HS's two bars at once: FastSgns --model cbow --hs --negative 0
#                                                  once per --seed (SEEDS, default "1 2 3", extra options in
#                                                  FASTSGNS_ARGS) turn about with word2vec.c -cbow 1 -hs 1 -negative 0
#                                                  (W2V_RUNS runs, default 3: it has no seed, but two Hogwild threads
#                                                  move its score by ±0.3 points), then the means and the ratio of the
#                                                  mean training words/s and of the mean CPU seconds, and each pair's
#                                                  ratio marked as cbow-w2v's are
#   bench/family.sh cbow-w2v CORPUS EPOCHS [THREADS]
#                                                  CBOW with negatives' speed bar against word2vec.c in pairs:
#                                                  FastSgns --model cbow once per --seed (SEEDS, default "1 2 3") turn
#                                                  about with word2vec.c -cbow 1 -hs 0 -negative 5 -alpha 0.05 (as many
#                                                  runs), then the means and each pair's ratio of training seconds
#                                                  with their median (the host's cores slow down now and then for a
#                                                  whole run: a pair's ratio is the figure a swing moves least), each
#                                                  pair marked when its FastSgns run took 1.3x the fewest CPU seconds or
#                                                  more, and the median of the unmarked pairs
#
# Training seconds: FastSgns's own "train:" line; gensim's train() call; word2vec.c's whole run with its vocabulary
# read from a file it saved beforehand (-read-vocab, so it does not count the corpus inside the timing). words/s =
# the corpus's tokens × epochs / training seconds, the same token count for everyone. CPU = user + sys seconds of the
# whole process, which the load of a shared machine disturbs less than the wall clock. CLI (environment) names the
# fastsgns build to run (default: this checkout's Release build). Peers: /work/peers/word2vec
# (PEERS.md's build), gensim through /usr/bin/python3. Prints a markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:?cbow, cbow-alpha, cbow-input, cbow-seeds, hs, hs-seeds or cbow-hs-seeds} corpus=${2:?corpus} epochs=${3:?epochs} threads=${4:-2}
cli=${CLI:-src/FastSgns.Cli/bin/Release/net10.0/fastsgns}
# Every build's vectors are scored by one evaluator: this checkout's, when built.
evaluator=src/FastSgns.Cli/bin/Release/net10.0/fastsgns
[[ -x $evaluator ]] || evaluator=$cli
word2vec=${WORD2VEC:-/work/peers/word2vec}
questions=${QUESTIONS:-/work/shared/eval/questions-words.txt}
wordsim=${WORDSIM:-/work/shared/eval/wordsim353.tsv}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
common=(--dim 100 --window 5 --sample 1e-4 --min-count 5 --epochs "$epochs" --threads "$threads")
w2v_common=(-size 100 -window 5 -sample 1e-4 -min-count 5 -iter "$epochs" -threads "$threads" -binary 1)

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
tokens=$("$cli" train --input "$corpus" --output /dev/null --dim 1 --epochs 1 --threads "$threads" --alpha 1e-9 2>&1 \
  | tr '\r' '\n' | awk '/^count: / { gsub(",", "", $2); print $2 }')
"$word2vec" -train "$corpus" -save-vocab "$scratch/w2v.vocab" -min-count 5 >/dev/null 2>&1

# timed LABEL COMMAND…: runs it; sets wall, cpu and log.
timed() {
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$scratch/time" "$@" >"$scratch/out" 2>"$scratch/err"
  end=$(date +%s.%N)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$scratch/time")
}

# score VECTORS: sets analogy (percent) and rho.
score() {
  local report
  report=$("$evaluator" eval -v "$1" --analogies "$questions" --similarity "$wordsim")
  analogy=$(awk '$1 == "total" { print $2; exit }' <<<"$report")
  rho=$(awk '/wordsim353/ { print $2; exit }' <<<"$report")
}

rows=()
# row LABEL TRAIN_SECONDS VECTORS
row() {
  score "$3"
  local rate
  rate=$(awk -v w="$tokens" -v e="$epochs" -v s="$2" 'BEGIN { printf "%.0f", w * e / s / 1000 }')
  rows+=("$1|$2|$wall|$cpu|$rate|$analogy|$rho")
}

fastsgns() {
  local label=$1; shift
  timed "$cli" train --input "$corpus" --output "$scratch/v.bin" --binary "${common[@]}" "$@"
  local seconds
  seconds=$(tr '\r' '\n' <"$scratch/err" | awk '/^train: [0-9,]+ words in / { print $5 }')
  row "$label" "$seconds" "$scratch/v.bin"
}

peer_word2vec() {
  local label=$1; shift
  timed "$word2vec" -train "$corpus" -read-vocab "$scratch/w2v.vocab" -output "$scratch/v.bin" "${w2v_common[@]}" "$@"
  row "$label" "$wall" "$scratch/v.bin"
}

# peer_gensim LABEL NEGATIVE SAMPLE MIN_COUNT EPOCHS WORKERS ALPHA SG HS [INPUT [SEED]] (gensim_train.py's arguments after WINDOW)
peer_gensim() {
  local label=$1; shift
  timed env OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/peers/gensim_train.py "$corpus" "$scratch/v.bin" 100 5 "$@"
  row "$label" "$(awk '{ print $2 }' "$scratch/out")" "$scratch/v.bin"
}

case "$what" in
  cbow)
    fastsgns "FastSgns \`--model cbow\` (default alpha)" --model cbow --negative 5
    # A second seed: one run of CBOW moves by about ±0.75 analogy points at 5 epochs (cbow-5epochs-2026-11-28.md).
    fastsgns "FastSgns \`--model cbow --seed 2\` (default alpha)" --model cbow --negative 5 --seed 2
    fastsgns "FastSgns \`--model cbow --alpha 0.05\`" --model cbow --negative 5 --alpha 0.05
    peer_word2vec "word2vec.c \`-cbow 1 -hs 0 -negative 5 -alpha 0.05\`" -cbow 1 -hs 0 -negative 5 -alpha 0.05
    peer_gensim "gensim \`sg=0, negative=5, alpha=0.05\`" 5 1e-4 5 "$epochs" "$threads" 0.05 0 0
    ;;
  cbow-alpha)
    for alpha in 0.05 0.075 0.1; do
      fastsgns "FastSgns \`--model cbow --alpha $alpha\`" --model cbow --negative 5 --alpha "$alpha"
    done
    peer_gensim "gensim \`sg=0, negative=5, alpha=0.05\`, $threads workers" 5 1e-4 5 "$epochs" "$threads" 0.05 0 0
    peer_gensim "gensim \`sg=0, negative=5, alpha=0.05\`, 1 worker" 5 1e-4 5 "$epochs" 1 0.05 0 0
    ;;
  cbow-input)
    peer_gensim "gensim \`sg=0, negative=5, alpha=0.05\`, corpus_file" 5 1e-4 5 "$epochs" "$threads" 0.05 0 0 file
    peer_gensim "gensim \`sg=0, negative=5, alpha=0.05\`, iterable (LineSentence)" 5 1e-4 5 "$epochs" "$threads" 0.05 0 0 iterable
    for seed in ${SEEDS:-1 2}; do
      fastsgns "FastSgns \`--model cbow --alpha 0.05 --seed $seed\`" --model cbow --negative 5 --alpha 0.05 --seed "$seed"
    done
    ;;
  cbow-seeds)
    read -r -a seeds <<<"${SEEDS:-1 2 3}"
    read -r -a gensim_seeds <<<"${GENSIM_SEEDS:-1 2 3}"
    for ((i = 0; i < ${#seeds[@]} || i < ${#gensim_seeds[@]}; i++)); do
      if ((i < ${#seeds[@]})); then
        fastsgns "FastSgns \`--model cbow --seed ${seeds[i]}\` (default alpha)" --model cbow --negative 5 --seed "${seeds[i]}"
      fi
      if ((i < ${#gensim_seeds[@]})); then
        peer_gensim "gensim \`sg=0, negative=5, alpha=0.05, seed=${gensim_seeds[i]}\`, corpus_file" 5 1e-4 5 "$epochs" "$threads" 0.05 0 0 file "${gensim_seeds[i]}"
      fi
    done
    ;;
  hs)
    fastsgns "FastSgns skip-gram \`--hs --negative 0\`" --hs --negative 0
    peer_word2vec "word2vec.c \`-cbow 0 -hs 1 -negative 0 -alpha 0.025\`" -cbow 0 -hs 1 -negative 0 -alpha 0.025
    fastsgns "FastSgns skip-gram \`--mode batched --hs --negative 0\`" --mode batched --hs --negative 0
    fastsgns "FastSgns CBOW \`--model cbow --hs --negative 0\`" --model cbow --hs --negative 0
    peer_word2vec "word2vec.c \`-cbow 1 -hs 1 -negative 0 -alpha 0.05\`" -cbow 1 -hs 1 -negative 0 -alpha 0.05
    ;;
  hs-seeds)
    for seed in ${SEEDS:-1 2 3}; do
      fastsgns "FastSgns skip-gram \`--mode batched --hs --negative 0 --seed $seed\`" --mode batched --hs --negative 0 --seed "$seed"
      fastsgns "FastSgns CBOW \`--model cbow --hs --negative 0 --seed $seed\`" --model cbow --hs --negative 0 --seed "$seed"
    done
    peer_word2vec "word2vec.c \`-cbow 0 -hs 1 -negative 0 -alpha 0.025\`" -cbow 0 -hs 1 -negative 0 -alpha 0.025
    peer_word2vec "word2vec.c \`-cbow 1 -hs 1 -negative 0 -alpha 0.05\`" -cbow 1 -hs 1 -negative 0 -alpha 0.05
    ;;
  cbow-hs-seeds)
    for seed in ${SEEDS:-1 2 3}; do
      fastsgns "FastSgns CBOW \`--model cbow --hs --negative 0 --seed $seed\`" --model cbow --hs --negative 0 --seed "$seed"
    done
    ;;
  cbow-hs)
    read -r -a seeds <<<"${SEEDS:-1 2 3}"
    runs=${W2V_RUNS:-3}
    read -r -a extra <<<"${FASTSGNS_ARGS:-}"
    for ((i = 0; i < ${#seeds[@]} || i < runs; i++)); do
      if ((i < ${#seeds[@]})); then
        fastsgns "FastSgns CBOW \`--model cbow --hs --negative 0 --seed ${seeds[i]}${extra[*]:+ ${extra[*]}}\`" \
          --model cbow --hs --negative 0 --seed "${seeds[i]}" "${extra[@]}"
      fi
      if ((i < runs)); then
        peer_word2vec "word2vec.c \`-cbow 1 -hs 1 -negative 0 -alpha 0.05\`" -cbow 1 -hs 1 -negative 0 -alpha 0.05
      fi
    done
    ;;
  cbow-w2v)
    for seed in ${SEEDS:-1 2 3}; do
      fastsgns "FastSgns \`--model cbow --seed $seed\` (default alpha)" --model cbow --negative 5 --seed "$seed"
      peer_word2vec "word2vec.c \`-cbow 1 -hs 0 -negative 5 -alpha 0.05\`" -cbow 1 -hs 0 -negative 5 -alpha 0.05
    done
    ;;
  *)
    echo "usage: $0 cbow|cbow-alpha|cbow-input|cbow-seeds|cbow-w2v|hs|hs-seeds|cbow-hs-seeds|cbow-hs CORPUS EPOCHS [THREADS]" >&2
    exit 1
    ;;
esac

echo "corpus $(basename "$corpus"): $tokens tokens, $epochs epoch(s), $threads threads; load average before: $load_before (the machine has $(nproc) cores)"
echo
echo "| trainer | training s | whole s | CPU s | training k words/s | questions-words | WordSim-353 ρ |"
echo "|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  echo "| ${r//|/ | } |"
done
echo
if [[ $what == cbow-hs || $what == cbow-seeds || $what == cbow-w2v ]]; then
  # Means per trainer (rows are label|training s|whole s|CPU s|k words/s|analogy|rho), then FastSgns over the peer.
  peer=word2vec.c
  [[ $what == cbow-seeds ]] && peer=gensim
  printf '%s\n' "${rows[@]}" | awk -F'|' -v peer="$peer" '
    { t = ($1 ~ /^FastSgns/) ? "f" : "w"; n[t]++; s[t] += $2; c[t] += $4; a[t] += $6; a2[t] += $6 * $6; r[t] += $7 }
    END {
      # The sample variance of the analogy scores, so the difference of the means carries its standard error.
      for (t in n) v[t] = n[t] > 1 ? (a2[t] - a[t] * a[t] / n[t]) / (n[t] - 1) : 0
      for (t in n) printf "%s: %d run(s), mean training %.2f s, CPU %.1f s, questions-words %.2f %% (sd %.2f), rho %.4f\n",
        (t == "f") ? "FastSgns" : peer, n[t], s[t] / n[t], c[t] / n[t], a[t] / n[t], sqrt(v[t] > 0 ? v[t] : 0), r[t] / n[t]
      if (n["f"] && n["w"]) printf "training words/s ratio %.2fx, CPU ratio %.2fx, questions-words %+.2f points (standard error %.2f), rho %+.4f\n",
        (s["w"] / n["w"]) / (s["f"] / n["f"]), (c["w"] / n["w"]) / (c["f"] / n["f"]), a["f"] / n["f"] - a["w"] / n["w"],
        sqrt(v["f"] / n["f"] + v["w"] / n["w"]), r["f"] / n["f"] - r["w"] / n["w"]
    }'
  echo
fi
if [[ $what == cbow-w2v || $what == cbow-hs ]]; then
  # Rows alternate FastSgns, word2vec.c (cbow-hs: while both have runs left; pair i is the i-th run of each): pair i's
  # ratio is word2vec.c's training seconds over FastSgns's. The host
  # now and then runs the two vCPUs at half speed for a whole run; FastSgns then needs twice the CPU seconds for the
  # same work while word2vec.c barely slows (bench/results/cbow-night-2026-11-29.md §5), so each pair says whether its
  # FastSgns run took 1.3× the command's fewest CPU seconds or more, and the pairs without such a run get a median too.
  printf '%s\n' "${rows[@]}" | awk -F'|' '
    function median(v, k,   i, j, t) {
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      return (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
    }
    /^FastSgns/ { f[++nf] = $2; cpu[nf] = $4; if (fewest == "" || $4 < fewest) fewest = $4 } /^word2vec/ { w[++nw] = $2 }
    END {
      n = nf < nw ? nf : nw
      for (i = 1; i <= n; i++) {
        r[i] = w[i] / f[i]; slowed = cpu[i] >= 1.3 * fewest
        if (!slowed) full[++nfull] = r[i]
        printf "pair %d: %.2fx%s\n", i, r[i], slowed ? sprintf(" (FastSgns slowed: %.1f CPU s against %.1f)", cpu[i], fewest) : ""
      }
      if (n) printf "median pair ratio %.2fx\n", median(r, n)
      if (nfull && nfull < n) printf "median over the %d pair(s) with FastSgns at full speed %.2fx\n", nfull, median(full, nfull)
    }'
  echo
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
