#!/usr/bin/env pwsh
# FastSgns build entry point, the PowerShell twin of build.sh: ./build.ps1 build | run | test | bench | pack [args...]
param(
    [Parameter(Position = 0)][ValidateSet('build', 'run', 'test', 'bench', 'pack')][string]$Command = 'build',
    [Parameter(Position = 1, ValueFromRemainingArguments = $true)][string[]]$Arguments = @()
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$configuration = 'Release'

function Invoke-Checked([string]$File, [string[]]$ArgumentList) {
    & $File @ArgumentList
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Build-Native {
    # The C kernel is optional: without cmake or a C compiler the managed kernels still run.
    if (-not (Test-Path native/CMakeLists.txt)) { return }
    foreach ($tool in 'cmake', 'cc') {
        if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) {
            Write-Warning "$tool not found; skipping the optional native kernel (native/)."
            return
        }
    }
    Invoke-Checked cmake @('-S', 'native', '-B', 'native/build', '-DCMAKE_BUILD_TYPE=Release')
    Invoke-Checked cmake @('--build', 'native/build', '--parallel')
}

function Build-All {
    Build-Native
    Invoke-Checked dotnet @('build', 'FastSgns.sln', '-c', $configuration, '-nologo', '-v', 'quiet')
}

switch ($Command) {
    'build' { Build-All }
    'run' {
        Build-All
        Invoke-Checked dotnet (@("src/FastSgns.Cli/bin/$configuration/net10.0/fastsgns.dll", 'demo') + $Arguments)
    }
    'test' {
        Build-All
        $output = & dotnet test FastSgns.sln -c $configuration --no-build -nologo @Arguments 2>&1 | Tee-Object -Variable lines
        $status = $LASTEXITCODE
        $passed = 0; $failed = 0; $skipped = 0
        foreach ($line in $lines) {
            if ("$line" -match 'Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+)') {
                $failed += [int]$Matches[1]; $passed += [int]$Matches[2]; $skipped += [int]$Matches[3]
            }
        }
        # One plain closing line, as build.sh prints it.
        Write-Output "Tests: $passed passed, $failed failed, $skipped skipped"
        if ($passed -eq 0) { $status = 1 }
        exit $status
    }
    'bench' {
        Build-All
        Invoke-Checked dotnet (@('run', '-c', $configuration, '--project', 'bench/FastSgns.Benchmarks', '--no-build', '--') + $Arguments)
    }
    'pack' {
        # As build.sh pack: both packages and their .snupkg symbols into artifacts/packages, replacing earlier ones,
        # each printed with its size; the tool package must stay within 5 MB.
        Build-All
        $packages = 'artifacts/packages'
        $toolLimit = 5000000
        New-Item -ItemType Directory -Force $packages | Out-Null
        Remove-Item "$packages/FastSgns.*.nupkg", "$packages/FastSgns.*.snupkg" -ErrorAction SilentlyContinue
        foreach ($project in 'src/FastSgns.Api/FastSgns.Api.csproj', 'src/FastSgns.Cli/FastSgns.Cli.csproj') {
            Invoke-Checked dotnet (@('pack', $project, '-c', $configuration, '--no-build', '-nologo', '-v', 'quiet', '-o', $packages) + $Arguments)
        }
        $status = 0
        foreach ($package in Get-ChildItem "$packages/FastSgns.*nupkg") {
            Write-Output ('{0,9:F2} MB  {1}' -f ($package.Length / 1e6), "$packages/$($package.Name)")
            if ($package.Name -like 'FastSgns.Cli.*.nupkg' -and $package.Length -gt $toolLimit) {
                Write-Error "$($package.FullName) is $($package.Length) bytes, over the $toolLimit-byte limit for the tool package" -ErrorAction Continue
                $status = 1
            }
        }
        exit $status
    }
}
