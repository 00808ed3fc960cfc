#!/usr/bin/env bash
# Fuzzes FastSgns's readers with AFL++ through SharpFuzz, one target at a time.
#
#   tests/FastSgns.Fuzz/run.sh <target> [seconds]     target: vectors | vectors-text | vectors-binary | vocabulary | tokenizer
#                                                   | checkpoint | gzip
#   tests/FastSgns.Fuzz/run.sh all [seconds]          every target in turn (default 300 s each)
#
# Needs: afl-fuzz (Debian: apt-get install afl++) and the SharpFuzz instrumenter
# (dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0). Findings land in $FUZZ_OUT (default
# /tmp/fastsgns-fuzz/findings/<target>/crashes|hangs); replay one without AFL on an uninstrumented build (the
# instrumented $FUZZ_OUT/bin copy dies with an AccessViolationException outside AFL++) with
#   dotnet build tests/FastSgns.Fuzz -c Release -o /tmp/fuzz-plain && dotnet /tmp/fuzz-plain/FastSgns.Fuzz.dll <target> <file-or-folder>...
# and keep it as a regression test by copying it to tests/FastSgns.Tests/Reliability/fuzz-cases/<target>/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:?usage: run.sh <vectors|vectors-text|vectors-binary|vocabulary|tokenizer|checkpoint|gzip|all> [seconds]}"
seconds="${2:-300}"
out="${FUZZ_OUT:-/tmp/fastsgns-fuzz}"
export PATH="$PATH:$HOME/.dotnet/tools" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Build into a private folder and instrument that copy of FastSgns.Core.dll only (sharpfuzz rewrites it in place).
# Rebuilt from scratch on every run so the fuzzer never tests stale code; FUZZ_SKIP_BUILD=1 reuses the last build.
if [[ "${FUZZ_SKIP_BUILD:-0}" != 1 ]]; then
  rm -rf "$out/bin"
  dotnet build "$here/FastSgns.Fuzz.csproj" -c Release -o "$out/bin" -nologo -v quiet
  sharpfuzz "$out/bin/FastSgns.Core.dll"
fi

if [[ "$target" == all ]]; then
  for t in vectors vectors-binary vocabulary tokenizer checkpoint gzip; do FUZZ_SKIP_BUILD=1 "$0" "$t" "$seconds"; done
  exit 0
fi

# AFL++ ends its forkserver with SIGKILL, so the harness's own clean-up never runs: remove its scratch files here.
trap 'rm -f /dev/shm/fastsgns-fuzz-*.bin* "${TMPDIR:-/tmp}"/fastsgns-fuzz-*.bin*' EXIT

seeds="$here/seeds/${target%%-*}"
findings="$out/findings/$target"
mkdir -p "$findings"
# dotnet itself carries no AFL instrumentation (SharpFuzz reports coverage from the instrumented assembly), so the
# binary check is skipped; -m none because the runtime reserves far more address space than AFL's default limit.
AFL_AUTORESUME=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  afl-fuzz -i "$seeds" -o "$findings" -t 5000 -m none -V "$seconds" -- dotnet "$out/bin/FastSgns.Fuzz.dll" "$target"

crashes=$(find "$findings" -path '*crashes/id*' | wc -l)
hangs=$(find "$findings" -path '*hangs/id*' | wc -l)
echo "fuzz $target: ${seconds}s, $crashes crash(es), $hangs hang(s); findings in $findings"
