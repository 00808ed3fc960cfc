#!/usr/bin/env bash
# The roofline table of issue #16: per kernel, mode and shape, the kernel's GFLOP/s and its fraction of this core's
# measured FMA peak; then, end to end, the fraction of a one-thread training run's time spent in the kernel.
#
# Kernel level: `ratios KernelBench Peak@K TrainPairs@K` and `ratios BatchedKernelBench Peak@K Batched@K` time the
# kernel call and an FMA loop of the same flops (6·(M+1)·Dim per pair, on the widest vector) turn about on one thread
# (thread CPU time), so the fraction needs no quiet machine to be fair, only to be steady.
# End to end: perf's timer samples of a one-thread `train` (batched and pairs), the share of the training thread's
# samples that fall in the kernel (any VectorKernel method: the entry points and the helpers compiled apart, such as
# SixTwoChunks, or the C library) and of the process's samples that fall in the training thread.
#   usage: bench/roofline.sh [CORPUS] [ROUNDS=11]; env: KERNELS="avx512 avx2 …", DIMS=50,100,128,300, NEGATIVES=5,15,
#          BENCH=…/FastSgns.Benchmarks (built here if unset), CLI=…/fastsgns
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-} rounds=${2:-11}
kernels=${KERNELS:-"avx512 avx2 vector128 scalar native-avx512 native-avx2 native-scalar"}
dims=${DIMS:-50,100,128,300} negatives=${NEGATIVES:-5,15}
cli=${CLI:-src/FastSgns.Cli/bin/Release/net10.0/fastsgns}
source bench/benchmarks-build.sh

echo "roofline: $(date -u +%FT%TZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(uptime)"
# The peak's width: 256-bit FMAs timed against the widest (512-bit where AVX-512 is present) for the same flops. A
# median ratio near 1 means 512-bit vectors add no flops on this core (AMD Zen 4 splits each into two 256-bit halves);
# near 0.5, they double the peak.
echo
echo "### FMA peak, 256-bit against the widest vector"
"$bench" ratios BatchedKernelBench Peak Peak256 --rounds "$rounds" --dims 100 --negatives 5 2>&1 || echo "(not run)"
for kernel in $kernels; do
  for mode in pairs batched; do
    if [[ $mode == pairs ]]; then class=KernelBench method=TrainPairs; else class=BatchedKernelBench method=Batched; fi
    echo
    echo "### $kernel, $mode"
    if ! "$bench" ratios "$class" "Peak@$kernel" "$method@$kernel" --rounds "$rounds" --dims "$dims" --negatives "$negatives" 2>&1; then
      echo "(not run: $kernel has no $mode kernel on this machine)"
    fi
  done
done

[[ -n $corpus ]] || exit 0
command -v perf >/dev/null || { echo "perf is not installed: no end-to-end split" >&2; exit 0; }
echo
echo "### End to end, 1 thread, $corpus: share of timer samples"
echo "| mode, kernel | training thread's samples in the kernel | process samples in the training thread |"
echo "|---|---|---|"
for run in "batched avx512" "pairs avx512" "batched native-avx512" "pairs native-avx512"; do
  read -r mode kernel <<<"$run"
  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -q -F 999 -e cpu-clock -o "$scratch/perf.data" \
    "$cli" train --input "$corpus" --output "$scratch/v.bin" --binary --threads 1 --sample 1e-4 --epochs 1 \
    --mode "$mode" --kernel "$kernel" -q >/dev/null 2>&1
  perf script -i "$scratch/perf.data" -F comm,ip,sym,dso 2>/dev/null | awk -v label="$mode, $kernel" '
    { total++ }
    $1 ~ /^sgns-/ { thread++; if ($0 ~ /VectorKernel`|libfastsgns_native/) kernel++ }
    END { printf "| %s | %.1f %% | %.1f %% |\n", label, 100 * kernel / thread, 100 * thread / total }'
done
