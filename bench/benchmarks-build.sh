# Sourced (from the checkout's root) by the scripts that run FastSgns.Benchmarks subcommands: sets scratch, a
# temporary folder removed on exit, and bench, the benchmark program: BENCH from the environment, or a Release build of
# bench/FastSgns.Benchmarks made into the scratch folder (so a later build of the checkout cannot change it mid-run).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
bench=${BENCH:-}
if [[ -z $bench ]]; then
  dotnet build bench/FastSgns.Benchmarks -c Release -o "$scratch/bench" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log" >&2; exit 1; }
  bench=$scratch/bench/FastSgns.Benchmarks
fi
