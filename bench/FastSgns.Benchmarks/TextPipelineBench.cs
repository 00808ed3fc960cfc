using System.Diagnostics;
using FastSgns.Corpus;
using FastSgns.Ids;
using FastSgns.Vocabulary;

namespace FastSgns.Benchmarks;

/// <summary>
/// Count and encode throughput of the text pipeline on one file, REPEATS times each: MB/s of wall time and MB per
/// CPU-second of the whole process (the figure that holds on a shared, overloaded machine: other processes take wall
/// time, not this process's CPU time). Encoding writes to a null stream, so the disk is not measured, unless ID_DIR
/// is given: then it writes an id file there as training does (a FileStream, deleted after each run), which on a large
/// corpus adds the page cache's cost for gigabytes of ids.
///   usage: FastSgns.Benchmarks text FILE [THREADS=2] [REPEATS=3] [MIN_COUNT=5] [ID_DIR]
/// </summary>
internal static class TextPipelineBench
{
    public static int Run(string[] args)
    {
        string path = args[0];
        int threads = args.Length > 1 ? int.Parse(args[1]) : 2;
        int repeats = args.Length > 2 ? int.Parse(args[2]) : 3;
        int minCount = args.Length > 3 ? int.Parse(args[3]) : 5;
        string? idDirectory = args.Length > 4 ? args[4] : null;
        using CorpusFiles files = CorpusFiles.Open([path]);
        double megabytes = new FileInfo(path).Length / 1e6;
        Console.WriteLine($"{path}: {megabytes:F1} MB, {threads} thread(s), {Environment.ProcessorCount} CPUs, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        // The tokenizer alone runs on the file held in one array, so only on files that fit one (not 1 B tokens).
        byte[] text = new FileInfo(path).Length <= Array.MaxLength ? File.ReadAllBytes(path) : [];
        for (int r = 0; r < repeats && text.Length > 0; r++)
        {
            long vector = 0, scalar = 0;
            var sink = new NullSink();
            (double vectorWall, double vectorCpu) = Time(() => vector = Tokenizer.Tokenize(text, ref sink));
            (double scalarWall, double scalarCpu) = Time(() => scalar = Tokenizer.TokenizeScalar(text, ref sink));
            Console.WriteLine($"run {r + 1}: tokenize alone, 1 thread: {vector:N0} tokens {megabytes / vectorCpu:F0} MB/CPU-s ({megabytes / vectorWall:F0} MB/s wall), " +
                $"scalar reference {scalar:N0} tokens {megabytes / scalarCpu:F0} MB/CPU-s ({megabytes / scalarWall:F0} MB/s wall)");
        }

        text = [];
        Vocab? vocabulary = null;
        for (int r = 0; r < repeats; r++)
        {
            long tokens = 0;
            Utf8WordTable? table = null;
            (double countWall, double countCpu) = Time(() => table = VocabularyCounter.CountParallel(files, threads, null, out tokens));
            vocabulary = Vocab.Build(table!, minCount, 0);
            long ids = 0;
            string idPath = Path.Combine(idDirectory ?? ".", $".text-bench-{Environment.ProcessId}.ids");
            (double encodeWall, double encodeCpu) = Time(() =>
            {
                using Stream output = idDirectory is null ? Stream.Null : new FileStream(idPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                ids = ParallelCorpusEncoder.Encode(files, vocabulary, output, threads);
            });
            File.Delete(idPath);
            Console.WriteLine($"run {r + 1}: count {tokens:N0} tokens, {table!.Count:N0} distinct: {megabytes / countWall:F0} MB/s wall, " +
                $"{megabytes / countCpu:F0} MB/CPU-s | encode {ids:N0} ids: {megabytes / encodeWall:F0} MB/s wall, {megabytes / encodeCpu:F0} MB/CPU-s");
        }

        return 0;
    }

    private struct NullSink : ITokenSink
    {
        public readonly void OnToken(ReadOnlySpan<byte> token)
        {
        }

        public readonly void OnSentenceEnd()
        {
        }
    }

    private static (double Wall, double Cpu) Time(Action action)
    {
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        action();
        return (wall.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}
