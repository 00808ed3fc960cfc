#!/usr/bin/env bash
# Checks DISTRIBUTED.md's scaling model against runs on an emulated link: 2 ranks × 1 thread, one run per link, with
# FASTSGNS_SYNC_LINK=BITS_PER_S,LATENCY_S (a test/bench knob: each collective also sleeps what a ring allreduce of its
# bytes takes on that link; `tc qdisc … netem` on loopback would slow every process on this shared machine, and this
# VM has no kernel modules directory to load sch_netem from). For each
# link it prints the measured syncs, seconds per sync, bytes and collectives per sync and words/s, and the sync time
# the model adds on that link (bench/distributed-model.sh) next to the measured change in seconds per sync. The runs sum
# single-precision changes (FASTSGNS_SYNC_PRECISION=single, ranks2-single): the model's ring allreduce, what jobs of
# more than 4 ranks use (2 ranks gather bfloat16 changes by default since 2026-11-29 morning).
#
#   bench/distributed-link.sh CORPUS [EPOCHS] ["LINK…"]
#   e.g. bench/distributed-link.sh /work/bench-data/wiki10m.txt 1 "none 1e9,1e-3 1e8,1e-3"
set -euo pipefail
(( $# >= 1 )) || { echo "usage: $0 CORPUS [EPOCHS] [\"LINK…\"]" >&2; exit 1; }
corpus=$1 epochs=${2:-1} links=${3:-"none 1e9,1e-3 1e8,1e-3"}
here=$(cd "$(dirname "$0")" && pwd)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

echo "uptime before: $(uptime)"
echo
echo "| link | syncs | train s | s per sync | MB per sync | collectives per sync | words/s | analogy | ρ | model: s added per sync |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for link in $links; do
  mkdir -p "$logs/$link"
  if [[ $link == none ]]; then
    row=$(CONFIGS=ranks2-single LOG_DIR="$logs/$link" "$here/distributed.sh" 1 "$epochs" "$corpus" | grep '^| 1 |')
  else
    row=$(FASTSGNS_SYNC_LINK=$link CONFIGS=ranks2-single LOG_DIR="$logs/$link" "$here/distributed.sh" 1 "$epochs" "$corpus" | grep '^| 1 |')
  fi
  # "sync: S syncs in T s (…), R rows exchanged, M MB sent by this rank (K kB per sync) in C collectives, …"
  read -r syncs seconds mb collectives < <(tr '\r' '\n' <"$logs/$link/round1-ranks2-single.log" |
    awk '/^sync: [0-9,]+ syncs in / { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "syncs" && $(i+1) == "in") { s = $(i-1); t = $(i+2) } if ($i == "MB" && $(i+1) == "sent") m = $(i-1); if ($i == "collectives" && c == "") c = $(i-1) } }
         END { print s, t, m, c }')
  per_sync_mb=$(awk -v m="$mb" -v s="$syncs" 'BEGIN { printf "%.2f", m / s }')
  per_sync_c=$(awk -v c="$collectives" -v s="$syncs" 'BEGIN { printf "%.2f", c / s }')
  if [[ $link == none ]]; then
    added=0
  else
    added=$("$here/distributed-model.sh" "$(awk -v m="$per_sync_mb" 'BEGIN { print m * 1e6 }')" "$per_sync_c" 0.1 "${link%,*}" "${link#*,}" 2 |
      awk -F'|' 'NR == 3 { printf "%.3f", $5 / 1000 }')
  fi
  words=$(echo "$row" | awk -F'|' '{ gsub(/ /, "", $7); print $7 }')
  quality=$(echo "$row" | awk -F'|' '{ gsub(/ /, "", $10); gsub(/ /, "", $11); print $10 " | " $11 }')
  printf '| %s | %s | %s | %.3f | %s | %s | %s | %s | %s |\n' "$link" "$syncs" "$seconds" "$(awk -v t="$seconds" -v s="$syncs" 'BEGIN { print t / s }')" \
    "$per_sync_mb" "$per_sync_c" "$words" "$quality" "$added"
done
echo
echo "uptime after: $(uptime)"
