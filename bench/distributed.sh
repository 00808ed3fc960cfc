#!/usr/bin/env bash
# Distributed training against one process on this machine, alternating (A B C [D] A B C [D] …), as issue #11 asks:
#   single  fastsgns train --threads 2                                  (one process, two Hogwild threads)
#   ranks2  mpirun -np 2 fastsgns train --threads 1 --distributed       (two ranks, one thread each)
#   ranks1  mpirun -np 1 fastsgns train --threads 1 --distributed       (one rank: the per-core rate with the sync machinery)
#   ranks2-sum, ranks2-average  as ranks2, combining the changes by the plain sum or the average (FASTSGNS_SYNC_COMBINE)
#   ranks3  mpirun -np 3 … --threads 1 (oversubscribed on 2 cores: a quality check, not a speed one)
#   ranks2-shm   as ranks2 over Open MPI's shared-memory transport (--mca btl self,vader, what mpirun uses on one node by
#                default) instead of TCP on loopback (every other configuration: the path a job across machines takes)
#   ranks2-spin  as ranks2, polling the collectives without sleeping (FASTSGNS_SYNC_WAIT=spin), as blocking ones wait
#   ranks2-burst as ranks2, the rows beyond the hot ones in bursts, each level whole (FASTSGNS_SYNC_SCHEDULE=burst; the
#                schedule before 2026-11-28 night; default: spread over the syncs)
#   ranks2-bf16, ranks2-single  as ranks2, the periodic syncs' changes rounded to bfloat16 and gathered
#                (FASTSGNS_SYNC_PRECISION=bf16; half the bytes), or exact and summed (=single)
#   ranks2-pollN as ranks2, sleeping N µs between polls of a collective (FASTSGNS_SYNC_WAIT=N; default 100, the
#                first 50 sleeps; ranks2-poll1000 is the polling before 2026-11-28 evening)
#   ranksN-wW[-hH][-kK][-decay][-bind]  N ranks × 1 thread with --sync-words W (--sync-hot-rows H, --sync-wide-every K;
#                -decay: FASTSGNS_SYNC_CADENCE=decay, the interval growing as the learning rate decays; -bind: each rank
#                bound to a core, mpirun's default placement for 2 ranks, instead of --bind-to none), e.g.
#                ranks2-w16384-k4: a sweep; ranks2-bind: the defaults, bound
#   pw-mpi  mpirun -np 2 pWord2Vec_mpi -threads 2                        (PW_MPI=path; its thread 0 syncs, so one trainer per rank;
#           OpenBLAS on this CPU's own kernels: bench/openblas-core.sh sets OPENBLAS_CORETYPE and the table's header names the core)
# Each run prints its training seconds, throughput (corpus words × epochs / training seconds of rank 0), the bytes
# rank 0 handed to collectives, the syncs, the CPU seconds of the whole run (user + sys, every rank: a figure the
# other load on the machine disturbs less than wall time), and `fastsgns eval`'s analogy accuracy and WordSim-353 ρ.
#
#   bench/distributed.sh ROUNDS EPOCHS CORPUS [extra train args…]
#   e.g. PW_MPI=/work/peers/pw/pWord2Vec_mpi bench/distributed.sh 3 1 /work/bench-data/wiki40m.txt
# EVAL_DIR (default ../shared/eval) holds questions-words.txt and wordsim353.tsv. CONFIGS (default "single ranks2
# ranks1", plus pw-mpi with PW_MPI) picks the configurations; LOG_DIR keeps every run's log. The machine is shared:
# compare within a round.
# SEEDS="1 2 3" trains round r with the r-th seed (--seed, cycling through the list; pWord2Vec_mpi has none) and ends
# with each configuration's mean accuracy over the rounds and its difference from single's: the 1-epoch analogy
# accuracy of one model moves by about a point from seed to seed (wiki40m, 2 threads: 28.4-30.3 %, and seed 1, the
# default, is among the highest), so a bar "within a point of one process" is judged on means over the same seeds.
# Unset, every round trains with the default seed (as every run before 2026-11-29 08:00).
# A configuration name ending in @b runs the binary CLI_B instead of CLI (and evaluated by it): two builds paired
# in one command, e.g. CONFIGS="single ranks2 single@b ranks2@b" CLI=base/fastsgns CLI_B=head/fastsgns.
set -euo pipefail
(( $# >= 3 )) || { echo "usage: $0 ROUNDS EPOCHS CORPUS [extra train args…]" >&2; exit 1; }
rounds=$1 epochs=$2 corpus=$3
shift 3
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${CLI:-$here/src/FastSgns.Cli/bin/Release/net10.0/fastsgns}
eval_dir=${EVAL_DIR:-$here/../shared/eval}
[[ -d $eval_dir ]] || eval_dir=/work/shared/eval
configs=${CONFIGS:-"single ranks2 ranks1${PW_MPI:+ pw-mpi}"}
read -r -a seeds <<<"${SEEDS:-}"
source "$here/bench/openblas-core.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpirun=(mpirun --quiet --oversubscribe --bind-to none --mca btl self,tcp --mca btl_tcp_if_include lo)
mpirun_shm=(mpirun --quiet --oversubscribe --bind-to none --mca btl self,vader)
base_args=(--dim 100 --window 5 --negative 5 --sample 1e-4 --min-count 5 --alpha 0.025 --epochs "$epochs" --mode batched "$@")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Prints "train_seconds words_per_second megabytes_sent_(per_epoch) syncs" from a fastsgns log ("_" stands for a space
# inside a cell: the table splits the figures at spaces). The collectives are symmetric, so rank 0's bytes are each rank's.
fastsgns_figures() {
  tr '\r' '\n' <"$1" | awk -v epochs="$epochs" '
    /^encode: [0-9,]+ ids on [0-9]+ ranks/ { gsub(",", "", $2); total = $2 }
    /^train: [0-9,]+ words in / { gsub(",", "", $2); words = $2; seconds = $5 }
    /^sync: [0-9,]+ syncs in / { gsub(",", "", $2); syncs = $2; for (i = 1; i <= NF; i++) if ($(i+1) == "MB" && $(i+2) == "sent") mb = $i }
    END { if (total == "") total = words / epochs
          printf "%.2f %.0f %s %s\n", seconds, total * epochs / seconds, (mb == "" ? "-" : sprintf("%s_(%.1f/epoch)", mb, mb / epochs)), (syncs == "" ? "-" : syncs) }'
}

# "w16384-h2048-k4" → "--sync-words 16384 --sync-hot-rows 2048 --sync-wide-every 4"
sync_args() {
  local part
  for part in ${1//-/ }; do
    case $part in
      w*) printf ' --sync-words %s' "${part#w}" ;;
      h*) printf ' --sync-hot-rows %s' "${part#h}" ;;
      k*) printf ' --sync-wide-every %s' "${part#k}" ;;
      decay|bind) ;;
      *) echo "unknown sync setting '$part' in a config name" >&2; exit 1 ;;
    esac
  done
}

evaluate() {
  "$cli" eval -v "$1" --analogies "$eval_dir/questions-words.txt" --similarity "$eval_dir/wordsim353.tsv" 2>/dev/null |
    awk '$1 == "total" { acc = $2 } /wordsim353/ { rho = $2 } END { printf "%s %s\n", acc, rho }'
}

run() {
  local name=$1 config=${1%@b} log="$scratch/$1.log" model="$scratch/$1.txt" start end cli=$cli
  [[ $name != *@b ]] || cli=${CLI_B:?a config ending in @b needs CLI_B}
  start=$(date +%s.%N)
  TIMEFORMAT='%3U %3S'
  { time case $config in
    single) "$cli" train -i "$corpus" -o "$model" --threads 2 "${common[@]}" 2>"$log" >/dev/null ;;
    ranks2) "${mpirun[@]}" -np 2 "$cli" train -i "$corpus" -o "$model" --threads 1 --distributed "${common[@]}" 2>"$log" >/dev/null ;;
    ranks2-shm) "${mpirun_shm[@]}" -np 2 "$cli" train -i "$corpus" -o "$model" --threads 1 --distributed "${common[@]}" 2>"$log" >/dev/null ;;
    ranks2-sum|ranks2-average) FASTSGNS_SYNC_COMBINE=${config#ranks2-} "${mpirun[@]}" -np 2 -x FASTSGNS_SYNC_COMBINE "$cli" train -i "$corpus" -o "$model" --threads 1 --distributed "${common[@]}" 2>"$log" >/dev/null ;;
    ranks3) "${mpirun[@]}" -np 3 "$cli" train -i "$corpus" -o "$model" --threads 1 --distributed "${common[@]}" 2>"$log" >/dev/null ;;
    ranks2-burst) FASTSGNS_SYNC_SCHEDULE=burst "${mpirun[@]}" -np 2 -x FASTSGNS_SYNC_SCHEDULE "$cli" train -i "$corpus" -o "$model" --threads 1 --distributed "${common[@]}" 2>"$log" >/dev/null ;;
    ranks2-bf16|ranks2-single) FASTSGNS_SYNC_PRECISION=${config#ranks2-} "${mpirun[@]}" -np 2 -x FASTSGNS_SYNC_PRECISION "$cli" train -i "$corpus" -o "$model" --threads 1 --distributed "${common[@]}" 2>"$log" >/dev/null ;;
    ranks2-poll[0-9]*) FASTSGNS_SYNC_WAIT=${config#ranks2-poll} "${mpirun[@]}" -np 2 -x FASTSGNS_SYNC_WAIT "$cli" train -i "$corpus" -o "$model" --threads 1 --distributed "${common[@]}" 2>"$log" >/dev/null ;;
    ranks2-spin) FASTSGNS_SYNC_WAIT=spin "${mpirun[@]}" -np 2 -x FASTSGNS_SYNC_WAIT "$cli" train -i "$corpus" -o "$model" --threads 1 --distributed "${common[@]}" 2>"$log" >/dev/null ;;
    ranks[0-9]-[whkdb]*) FASTSGNS_SYNC_CADENCE=$([[ $config == *-decay* ]] && echo decay || echo fixed) "${mpirun[@]}" $([[ $config == *-bind ]] && echo --bind-to core) -x FASTSGNS_SYNC_CADENCE -np "${config:5:1}" "$cli" train -i "$corpus" -o "$model" --threads 1 --distributed "${common[@]}" $(sync_args "${config#ranks?-}") 2>"$log" >/dev/null ;;
    ranks1) "${mpirun[@]}" -np 1 "$cli" train -i "$corpus" -o "$model" --threads 1 --distributed "${common[@]}" 2>"$log" >/dev/null ;;
    pw-mpi) OPENBLAS_NUM_THREADS=1 "${mpirun[@]}" -np 2 -x OPENBLAS_NUM_THREADS ${OPENBLAS_CORETYPE:+-x OPENBLAS_CORETYPE} "$PW_MPI" -train "$corpus" -output "$model" -size 100 -window 5 \
              -negative 5 -sample 1e-4 -min-count 5 -alpha 0.025 -iter "$epochs" -threads 2 -binary 0 -batch-size 11 >"$log" 2>&1 ;;
  esac; } 2>"$scratch/cpu"
  end=$(date +%s.%N)
  local whole figures
  whole=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  if [[ $config == pw-mpi ]]; then
    # pWord2Vec_mpi prints the job's words/s since training began; its training time is not printed.
    figures="- $(tr '\r' '\n' <"$log" | awk '/Words\/sec:/ { for (i = 1; i <= NF; i++) if ($i == "Words/sec:") r = $(i+1) } END { sub("k", "", r); printf "%.0f", r * 1000 }') - -"
  else
    figures=$(fastsgns_figures "$log")
  fi
  local cpu
  cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$scratch/cpu")
  printf '| %s | %s | %s | %s | %s | %s\n' "$round${seed:+ (seed $seed)}" "$name" "$whole" "$cpu" "$(echo "$figures" | tr ' ' '|' | sed 's/|/ | /g; s/_/ /g')" "$(evaluate "$model" | sed 's/ / | /') |"
  rm -f "$model"
  [[ -z ${LOG_DIR:-} ]] || cp "$log" "$LOG_DIR/round$round-$name.log"
}

echo "uptime before: $(uptime)"
if [[ " $configs " == *" pw-mpi "* ]]; then
  # Not in a subshell: openblas_core exports OPENBLAS_CORETYPE for the runs.
  echo -n "pWord2Vec_mpi: "
  openblas_core "${PW_MPI:?pw-mpi needs PW_MPI=path}"
fi
echo
echo "| round | config | whole s | CPU s (all ranks) | train s | words/s | MB sent by rank 0 (per epoch) | syncs | analogy | WordSim ρ |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for ((round = 1; round <= rounds; round++)); do
  seed=
  (( ${#seeds[@]} == 0 )) || seed=${seeds[(round - 1) % ${#seeds[@]}]}
  common=("${base_args[@]}" ${seed:+--seed "$seed"})
  for config in $configs; do run "$config"; done | tee -a "$scratch/rows"
done
if (( ${#seeds[@]} > 0 )); then
  # Means over the rounds (the same seeds for every configuration), and their difference from single's.
  echo
  echo "| config | rounds | mean analogy | vs single | mean WordSim ρ | vs single | mean words/s ratio to single's (per round) |"
  echo "|---|---|---|---|---|---|---|"
  awk -F' *[|] *' -v order="$configs" '
    { config = $3; n[config]++; acc[config] += $10; rho[config] += $11; rate[$2, config] = $7 }
    { rounds[$2] = 1 }
    END {
      split(order, names, " ")
      for (i = 1; names[i] != ""; i++) {
        c = names[i]; if (!n[c]) continue
        ratio = 0; pairs = 0
        for (r in rounds) if (rate[r, c] != "" && rate[r, c] != "-" && rate[r, "single"] > 0) { ratio += rate[r, c] / rate[r, "single"]; pairs++ }
        printf "| %s | %d | %.2f | %s | %.4f | %s | %s |\n", c, n[c], acc[c] / n[c],
          n["single"] ? sprintf("%+.2f", acc[c] / n[c] - acc["single"] / n["single"]) : "-",
          rho[c] / n[c], n["single"] ? sprintf("%+.4f", rho[c] / n[c] - rho["single"] / n["single"]) : "-",
          pairs ? sprintf("%.3f", ratio / pairs) : "-"
      }
    }' "$scratch/rows"
fi
echo
echo "uptime after: $(uptime)"
