#!/usr/bin/env bash
# FastSgns build entry point: ./build.sh build | run | test | bench | pack [args...]
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

configuration=Release
cli="src/FastSgns.Cli/bin/$configuration/net10.0/fastsgns"

build_native() {
  # The C kernel is optional: without cmake, make or a C compiler the managed kernels still run. When it builds,
  # FastSgns.Core.csproj copies native/build/libfastsgns_native.so into every output directory.
  [[ -f native/CMakeLists.txt ]] || return 0
  local tool
  for tool in cmake make cc; do
    if ! command -v "$tool" >/dev/null; then
      echo "notice: $tool not found; skipping the optional native kernel (native/)." >&2
      return 0
    fi
  done
  cmake -S native -B native/build -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build native/build --parallel >/dev/null
}

build_all() {
  build_native
  dotnet build FastSgns.sln -c "$configuration" -nologo -v quiet "$@"
}

command="${1:-build}"
shift || true
case "$command" in
  build)
    build_all
    ;;
  run)
    build_all >/dev/null
    "$cli" demo "$@"
    ;;
  test)
    build_all
    log=$(mktemp)
    status=0
    dotnet test FastSgns.sln -c "$configuration" --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?
    # One plain closing line for CI: "Tests: N passed, N failed, N skipped".
    awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
         END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s; if (p == 0) exit 1 }' "$log" || status=1
    rm -f "$log"
    exit "$status"
    ;;
  bench)
    build_all >/dev/null
    dotnet run -c "$configuration" --project bench/FastSgns.Benchmarks --no-build -- "$@"
    ;;
  pack)
    # NuGet packages, with their .snupkg symbol packages, into artifacts/packages (this folder, always): FastSgns (the
    # library, Core inside, the C kernel under runtimes/linux-x64/native/ when it was built) and FastSgns.Cli (the
    # dotnet tool). Earlier FastSgns packages there are removed first, so the folder holds one version, the one just
    # packed (from git: MinVer). Use it as a feed:
    #   dotnet tool install -g --add-source artifacts/packages FastSgns.Cli --prerelease
    #   dotnet add package FastSgns --source artifacts/packages --prerelease
    build_all >/dev/null
    packages=artifacts/packages
    tool_limit=5000000  # bytes: issue #14's "a small tool"
    mkdir -p "$packages"
    rm -f "$packages"/FastSgns.*.nupkg "$packages"/FastSgns.*.snupkg
    for project in src/FastSgns.Api/FastSgns.Api.csproj src/FastSgns.Cli/FastSgns.Cli.csproj; do
      dotnet pack "$project" -c "$configuration" --no-build -nologo -v quiet -o "$packages" "$@"
    done
    status=0
    for package in "$packages"/FastSgns.*nupkg; do
      bytes=$(wc -c <"$package")
      printf '%9.2f MB  %s\n' "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$package"
      if [[ $package == */FastSgns.Cli.*.nupkg ]] && (( bytes > tool_limit )); then
        echo "error: $package is $bytes bytes, over the $tool_limit-byte limit for the tool package (unzip -l shows what it carries)" >&2
        status=1
      fi
    done
    exit "$status"
    ;;
  *)
    echo "usage: ./build.sh build|run|test|bench|pack [args...]" >&2
    exit 2
    ;;
esac
