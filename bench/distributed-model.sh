#!/usr/bin/env bash
# The scaling model of DISTRIBUTED.md: from the measured bytes a rank hands to collectives per sync, the collectives
# per sync and the sync interval, the time a sync takes on N nodes (ring allreduce: 2(N−1)/N · bytes / bandwidth
# + 2(N−1) · latency per collective), the efficiency a design that stops training for the sync would keep,
# T / (T + t_sync), the share of the intended sync rate an overlapped design keeps, T / max(T, t_sync), and the
# interval that keeps the first at 80 % (T ≥ 4 · t_sync).
#
#   bench/distributed-model.sh BYTES_PER_SYNC COLLECTIVES_PER_SYNC INTERVAL_S BITS_PER_S LATENCY_S "NODES…"
#   e.g. bench/distributed-model.sh 3.3e6 5.2 0.1 25e9 30e-6 "2 8 32 128"
set -euo pipefail
(( $# == 6 )) || { echo "usage: $0 BYTES_PER_SYNC COLLECTIVES_PER_SYNC INTERVAL_S BITS_PER_S LATENCY_S \"NODES…\"" >&2; exit 1; }
awk -v bytes="$1" -v coll="$2" -v T="$3" -v bw="$4" -v lat="$5" -v nodes="$6" 'BEGIN {
  printf "| nodes | bandwidth term ms | latency term ms | t_sync ms | T/(T+t_sync) | T/max(T,t_sync) | interval for 80 %% |\n"
  printf "|---|---|---|---|---|---|---|\n"
  n = split(nodes, list, " ")
  for (i = 1; i <= n; i++) {
    N = list[i]
    band = 2 * (N - 1) / N * bytes * 8 / bw
    late = coll * 2 * (N - 1) * lat
    t = band + late
    printf "| %d | %.2f | %.2f | %.2f | %.0f %% | %.0f %% | %.0f ms |\n", N, band * 1e3, late * 1e3, t * 1e3, 100 * T / (T + t), 100 * T / (T > t ? T : t), 4 * t * 1e3
  }
}'
