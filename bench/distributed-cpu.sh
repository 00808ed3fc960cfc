#!/usr/bin/env bash
# Where a 2-rank job's extra CPU goes: CPU seconds per thread group (perf task-clock samples, so it works on a VM
# without a PMU) for, in one round:
#   single   fastsgns train --threads 2                         (one process, both halves of the corpus)
#   ranks2   mpirun -np 2 … --threads 1 --distributed            (the default sync)
#   nosync   as ranks2 with --sync-words 1099511627776                 (only the final sync: the ranks without the sync thread's work)
#   indep    two fastsgns train --threads 1 at once, one per half of the corpus, with the single run's vocabulary
#            (--read-vocab): two processes that each hold the whole model, as ranks do, but no MPI and no sync
#   indep-own  the same, each counting its own half (a smaller vocabulary, so smaller matrices)
# Columns: sgns = the training threads, main = the main thread (setup, encoding, the sync, saving), count = the
# counting threads, runtime = the runtime's threads (tiered compilation, GC), other; then the seconds inside the kernel's
# TrainBatches alone (the same code everywhere: a difference is memory, not instructions). Whole-run CPU from time(1).
#
#   bench/distributed-cpu.sh ROUNDS EPOCHS CORPUS
# STAGES=1 also records call stacks and prints each process's main-thread CPU by stage (the innermost frame of the
# stack that names a stage: save, sync, encode, merge counts, …; "other" is mostly waiting in MPI and the runtime).
# Needs perf (linux-perf). The corpus is split into two halves at a line boundary in a scratch directory.
set -euo pipefail
(( $# == 3 )) || { echo "usage: $0 ROUNDS EPOCHS CORPUS" >&2; exit 1; }
rounds=$1 epochs=$2 corpus=$3
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${CLI:-$here/src/FastSgns.Cli/bin/Release/net10.0/fastsgns}
configs=${CONFIGS:-"single ranks2 nosync indep indep-own"}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
mpirun=(mpirun --quiet --oversubscribe --bind-to none --mca btl self,tcp --mca btl_tcp_if_include lo -x DOTNET_PerfMapEnabled -x DOTNET_EnableWriteXorExecute)
common=(--dim 100 --window 5 --negative 5 --sample 1e-4 --min-count 5 --alpha 0.025 --epochs "$epochs" --mode batched)
hz=499
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
split -n l/2 -d "$corpus" "$scratch/half"
"$cli" train -i "$corpus" -o /dev/null --threads 2 --min-count 5 --dim 10 --epochs 1 --save-vocab "$scratch/vocab.txt" >/dev/null 2>&1

# A wrapper that records one process; PERF_OUT names its file (the rank is appended under mpirun).
cat >"$scratch/record.sh" <<EOF
#!/usr/bin/env bash
exec perf record -q -e task-clock -F $hz ${STAGES:+-g} -o "\$PERF_OUT.\${OMPI_COMM_WORLD_RANK:-0}" "\$@"
EOF
chmod +x "$scratch/record.sh"

# Prints "sgns main count jit other kernel" CPU seconds summed over the perf files given.
seconds() {
  for f in "$@"; do
    perf report -i "$f" --no-children -g none --sort comm -q -n 2>/dev/null | awk '{ print "comm", $3, $2 } $3 == "fastsgns" { print "mainof x", $2 }'
    perf report -i "$f" --no-children -g none --sort sym -q -n 2>/dev/null | awk '/::TrainBatches\(/ { print "kernel x", $2 }'
  done | awk -v hz=$hz '
    $1 == "kernel" { k += $3; next }
    $1 == "mainof" { each = each (each == "" ? "" : " + ") sprintf("%.2f", $3 / hz); next }
    $2 ~ /^sgns-/ { s += $3; next } $2 == "fastsgns" { m += $3; next } $2 ~ /^count-/ { c += $3; next }
    $2 == ".NET" { j += $3; next } { o += $3 }
    END { printf "%.2f | %.2f (%s) | %.2f | %.2f | %.2f | %.2f", s / hz, m / hz, each, c / hz, j / hz, o / hz, k / hz }'
}

# Prints "stage seconds …" for the main thread of one perf file recorded with call stacks.
stages() {
  perf script -i "$1" --comm fastsgns -F comm,ip,sym 2>/dev/null | awk -v hz=$hz '
  function flush() {
    if (!n) return
    st = "other"
    for (i = 1; i <= n; i++) {
      f = fr[i]
      if (f ~ /Word2VecWriter/) { st = "save"; break }
      if (f ~ /RowAverager::.ctor/) { st = "base-copy"; break }
      if (f ~ /ModelSynchroniser::End/) { st = "final-sync"; break }
      if (f ~ /ModelSynchroniser::|RowAverager::/) { st = "sync"; break }
      if (f ~ /ShardEncoder|CorpusEncoder|OrderedPipeline/) { st = "encode"; break }
      if (f ~ /DistributedVocabulary::Merge/) { st = "merge-counts"; break }
      if (f ~ /CountShard|VocabularyCounter/) { st = "count"; break }
      if (f ~ /Vocab::Build/) { st = "vocab-build"; break }
      if (f ~ /InitializeUniform/) { st = "init-matrices"; break }
      if (f ~ /clock_nanosleep/) { st = "sleep"; break }
    }
    s[st]++; n = 0
  }
  /^fastsgns/ { flush(); next }
  NF { fr[++n] = $0 }
  END { flush(); for (k in s) printf " %s %.2f", k, s[k] / hz; print "" }'
}

run() {
  local config=$1 out="$scratch/$1" cpu
  rm -f "$out".*
  TIMEFORMAT='%3U %3S'
  { time case $config in
    single) PERF_OUT=$out "$scratch/record.sh" "$cli" train -i "$corpus" -o /dev/null --threads 2 "${common[@]}" >/dev/null 2>&1 ;;
    ranks2) "${mpirun[@]}" -x PERF_OUT="$out" -np 2 "$scratch/record.sh" "$cli" train -i "$corpus" -o /dev/null --threads 1 --distributed "${common[@]}" >/dev/null 2>&1 ;;
    nosync) "${mpirun[@]}" -x PERF_OUT="$out" -np 2 "$scratch/record.sh" "$cli" train -i "$corpus" -o /dev/null --threads 1 --distributed --sync-words 1099511627776 "${common[@]}" >/dev/null 2>&1 ;;
    indep|indep-own)
      local vocab=()
      [[ $config == indep ]] && vocab=(--read-vocab "$scratch/vocab.txt")
      PERF_OUT=$out OMPI_COMM_WORLD_RANK=0 "$scratch/record.sh" "$cli" train -i "$scratch/half00" -o /dev/null --threads 1 "${common[@]}" "${vocab[@]}" >/dev/null 2>&1 &
      local first=$!
      PERF_OUT=$out OMPI_COMM_WORLD_RANK=1 "$scratch/record.sh" "$cli" train -i "$scratch/half01" -o /dev/null --threads 1 "${common[@]}" "${vocab[@]}" >/dev/null 2>&1
      wait "$first" ;;
  esac; } 2>"$scratch/cpu"
  cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$scratch/cpu")
  printf '| %s | %s | %s | %s |\n' "$round" "$config" "$cpu" "$(seconds "$out".*)"
  if [[ -n ${STAGES:-} ]]; then
    for f in "$out".*; do echo "  main thread of ${f##*/}:$(stages "$f")"; done
  fi
}

echo "uptime before: $(uptime)"
echo
echo "| round | config | CPU s (time, all processes) | sgns s | main s (per process) | count s | runtime s | other s | TrainBatches s |"
echo "|---|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  for config in $configs; do
    run "$config"
  done
done
echo
echo "uptime after: $(uptime)"
