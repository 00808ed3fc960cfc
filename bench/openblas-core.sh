# Sourced by the benchmarks that run pWord2Vec (OpenBLAS). OpenBLAS 0.3.21 (Debian 12) picks its kernels from the CPU
# model, and it does not know this VM's ("Intel(R) Xeon(R) Processor", family 6 model 207): it falls back to its
# Prescott (SSE3) kernels, and pWord2Vec's small sgemms then run about 3.3× slower than with the AVX-512 ones (wiki10m,
# 1 epoch, 1 thread: 270 k words/s against 894 k). Unless the caller set OPENBLAS_CORETYPE, name the core from the
# CPU's flags, and print the core OpenBLAS actually uses so every result says which kernels the peer ran.
#   usage: source bench/openblas-core.sh; openblas_core PWORD2VEC_BINARY   (prints "openblas core: NAME")
openblas_core() {
  if [[ -z ${OPENBLAS_CORETYPE:-} ]]; then
    if grep -qw avx512f /proc/cpuinfo; then
      export OPENBLAS_CORETYPE=SkylakeX
    elif grep -qw avx2 /proc/cpuinfo; then
      export OPENBLAS_CORETYPE=Haswell
    fi
  fi
  # pWord2Vec without arguments prints its usage and exits; OPENBLAS_VERBOSE=2 makes the library name its core first.
  local banner
  banner=$(OPENBLAS_VERBOSE=2 OPENBLAS_NUM_THREADS=1 "$1" 2>&1 || true)
  echo "openblas $(grep -m1 '^Core:' <<<"$banner" || echo 'Core: unknown')"
}
