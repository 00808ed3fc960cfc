using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace FastSgns.Benchmarks;

/// <summary>The kernel benchmarks' configuration: BenchmarkDotNet's defaults plus an Op/s column (pairs, examples or values per second).</summary>
internal sealed class OperationsPerSecondConfig : ManualConfig
{
    public OperationsPerSecondConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
}
