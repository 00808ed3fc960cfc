#!/usr/bin/env bash
# The scaling model of DISTRIBUTED.md: from the measured bytes a rank hands to collectives per sync, the collectives
# per sync and the sync interval, the time a sync takes on N nodes (ring allreduce: 2(N−1)/N · bytes / bandwidth
# + 2(N−1) · latency per collective), the efficiency a design that stops training for the sync would keep,
# T / (T + t_sync), the share of the intended sync rate an overlapped design keeps, T / max(T, t_sync), and the
# interval that keeps the first at 80 % (T ≥ 4 · t_sync).
# The sync interval is counted in words (--sync-words W per rank): with NODE_WORDS_PER_S (a node's training rate, its
# cores × the per-core rate) the interval is T = W / NODE_WORDS_PER_S seconds, and the last column is also in words.
# Without it, INTERVAL is taken as seconds.
#
#   bench/distributed-model.sh BYTES_PER_SYNC COLLECTIVES_PER_SYNC INTERVAL BITS_PER_S LATENCY_S "NODES…" [NODE_WORDS_PER_S]
#   e.g. bench/distributed-model.sh 3.3e6 5.2 32768 25e9 30e-6 "2 8 32 128" 1.6e6
set -euo pipefail
(( $# == 6 || $# == 7 )) || { echo "usage: $0 BYTES_PER_SYNC COLLECTIVES_PER_SYNC INTERVAL BITS_PER_S LATENCY_S \"NODES…\" [NODE_WORDS_PER_S]" >&2; exit 1; }
awk -v bytes="$1" -v coll="$2" -v interval="$3" -v bw="$4" -v lat="$5" -v nodes="$6" -v rate="${7:-}" 'BEGIN {
  T = rate == "" ? interval : interval / rate
  printf "| nodes | bandwidth term ms | latency term ms | t_sync ms | T/(T+t_sync) | T/max(T,t_sync) | interval for 80 %% |%s\n", rate == "" ? "" : " words per rank for 80 % |"
  printf "|---|---|---|---|---|---|---|%s\n", rate == "" ? "" : "---|"
  n = split(nodes, list, " ")
  for (i = 1; i <= n; i++) {
    N = list[i]
    band = 2 * (N - 1) / N * bytes * 8 / bw
    late = coll * 2 * (N - 1) * lat
    t = band + late
    printf "| %d | %.2f | %.2f | %.2f | %.0f %% | %.0f %% | %.0f ms |", N, band * 1e3, late * 1e3, t * 1e3, 100 * T / (T + t), 100 * T / (T > t ? T : t), 4 * t * 1e3
    if (rate != "") printf " %.0f |", 4 * t * rate
    printf "\n"
  }
}'
