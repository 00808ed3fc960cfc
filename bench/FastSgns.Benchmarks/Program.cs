using BenchmarkDotNet.Running;
using FastSgns.Benchmarks;
using FastSgns.Benchmarks.EndToEnd;

// "e2e" runs the end-to-end comparison (whole training runs, peers included); "ratios" times two benchmark methods
// turn about (InterleavedRatios); "text" times counting and encoding (TextPipelineBench), "text-check" compares them
// with the reference paths on a real file (TextPipelineCheck); anything else goes to
// BenchmarkDotNet.
return args.Length > 0 && args[0] == "e2e" ? EndToEndBench.Run(args[1..])
    : args.Length > 0 && args[0] == "text" ? TextPipelineBench.Run(args[1..])
    : args.Length > 0 && args[0] == "text-check" ? TextPipelineCheck.Run(args[1..])
    : args.Length > 0 && args[0] == "ratios" ? InterleavedRatios.Run(args[1..])
    : RunBenchmarkDotNet(args);

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(EndToEndBench).Assembly).Run(args);
    return 0;
}
