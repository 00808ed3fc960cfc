using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace FastSgns.Benchmarks;

/// <summary>
/// Two benchmark methods of one BenchmarkDotNet class timed turn about in one process (A B, then B A, round after
/// round) on the class's own data, per shape: on a shared, noisy machine only such paired timings give a trustworthy
/// ratio, where BenchmarkDotNet runs one method after the other minutes apart. Time is this thread's CPU time
/// (CLOCK_THREAD_CPUTIME_ID), so that the moments the scheduler gives the core to another process do not count.
/// Prints, per dim and M, the median of the per-round ratios time(B) / time(A) and the ratio of the best rounds.
/// <c>--rows</c> sets the matrices' row count (the classes' Vocabulary); <c>--shape</c> a class's Shape parameter
/// (<see cref="HiddenKernelBench"/>), whose M is then the shape's and <c>--negatives</c> does not apply. With
/// <c>Peak</c> as A (<see cref="FmaPeak"/> for the same flops) it also prints B's fraction of the FMA peak.
/// </summary>
/// <example>ratios BatchedKernelBench Batched@avx512 Batched@native-avx512 --rounds 15</example>
/// <example>ratios BatchedKernelBench Peak@avx512 Batched@avx512 --dims 50,100,128,300</example>
/// <example>ratios HiddenKernelBench TrainHidden@scalar TrainHidden@avx512 --shape CbowNegatives --dims 100</example>
public static partial class InterleavedRatios
{
    public static int Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: ratios CLASS A B (each METHOD or METHOD@KERNEL) [--rounds N] [--dims 50,100,300] [--negatives 5,15] [--ms 50] [--rows 30000] [--shape NAME]");
            return 1;
        }

        Type type = typeof(InterleavedRatios).Assembly.GetTypes().Single(t => t.Name == args[0]);
        int rounds = Option(args, "--rounds", [15])[0];
        int[] dims = Option(args, "--dims", [50, 100, 300]);
        // A class without a Negatives parameter (HiddenKernelBench: M comes with its Shape) runs once per dim.
        bool hasNegatives = type.GetProperty("Negatives") is not null;
        int[] negatives = hasNegatives ? Option(args, "--negatives", [5, 15]) : [0];
        int shapeAt = Array.IndexOf(args, "--shape");
        string? shape = shapeAt >= 0 && shapeAt + 1 < args.Length ? args[shapeAt + 1] : null;
        double targetMs = Option(args, "--ms", [50])[0];
        int[] vocabulary = Option(args, "--rows", []);
        // With the FMA peak as A, B's fraction of the peak is 1 / ratio, and the flops per call give GFLOP/s.
        bool roofline = args[1].Split('@')[0] == "Peak";
        Console.WriteLine($"{type.Name}{(shape is null ? "" : $" ({shape})")}: time({args[2]}) / time({args[1]}), {rounds} rounds A B / B A, thread CPU time, median and best");
        Console.WriteLine("| dim | M | median ratio | ratio of best | A µs/call (best) | B µs/call (best) |"
            + (roofline ? " B's fraction of peak (1 / median) | B GFLOP/s (best) | peak GFLOP/s (best) |" : ""));
        Console.WriteLine("|---|---|---|---|---|---|" + (roofline ? "---|---|---|" : ""));
        foreach (int dim in dims)
        {
            foreach (int m in negatives)
            {
                // Two methods of one class share an instance (and its rows); two kernels each get their own.
                object a = Create(type, args[1], dim, m, vocabulary, shape, null, out Func<float> methodA);
                object b = Create(type, args[2], dim, m, vocabulary, shape, args[1].Contains('@') || args[2].Contains('@') ? null : a, out Func<float> methodB);
                try
                {
                    Measure(methodA, methodB, rounds, targetMs, out double median, out double bestA, out double bestB);
                    string row = string.Create(CultureInfo.InvariantCulture,
                        $"| {dim} | {(hasNegatives ? m : "—")} | {median:F2} | {bestB / bestA:F2} | {bestA:F1} | {bestB:F1} |");
                    if (roofline)
                    {
                        double flops = (long)type.GetProperty("FlopsPerCall")!.GetValue(a)!;
                        row += string.Create(CultureInfo.InvariantCulture,
                            $" {100 / median:F1} % | {flops / bestB / 1e3:F1} | {flops / bestA / 1e3:F1} |");
                    }

                    Console.WriteLine(row);
                }
                finally
                {
                    Invoke<GlobalCleanupAttribute>(type, a);
                    if (b != a)
                    {
                        Invoke<GlobalCleanupAttribute>(type, b);
                    }
                }
            }
        }

        return 0;
    }

    /// <summary>
    /// A set-up instance of the benchmark class for "Method" or "Method@kernel" (the latter for classes with a Kernel
    /// parameter), or the <paramref name="shared"/> one when given.
    /// </summary>
    private static object Create(Type type, string spec, int dim, int negatives, int[] vocabulary, string? shape, object? shared, out Func<float> method)
    {
        string[] parts = spec.Split('@');
        if (shared is not null)
        {
            method = type.GetMethod(parts[0])!.CreateDelegate<Func<float>>(shared);
            return shared;
        }

        object bench = Activator.CreateInstance(type)!;
        type.GetProperty("Dim")!.SetValue(bench, dim);
        type.GetProperty("Negatives")?.SetValue(bench, negatives);
        if (vocabulary.Length > 0)
        {
            type.GetProperty("Vocabulary")!.SetValue(bench, vocabulary[0]);
        }

        if (shape is not null)
        {
            PropertyInfo property = type.GetProperty("Shape") ?? throw new ArgumentException($"{type.Name} has no Shape parameter.");
            property.SetValue(bench, Enum.Parse(property.PropertyType, shape, ignoreCase: true));
        }
        if (parts.Length > 1)
        {
            type.GetProperty("Kernel")!.SetValue(bench, parts[1]);
        }

        Invoke<GlobalSetupAttribute>(type, bench);
        method = type.GetMethod(parts[0])!.CreateDelegate<Func<float>>(bench);
        return bench;
    }

    private static void Measure(Func<float> a, Func<float> b, int rounds, double targetMs, out double median, out double bestA, out double bestB)
    {
        // Warm up past tiered compilation, then size the timed blocks to about targetMs each.
        Time(a, 200);
        Time(b, 200);
        double perCall = Math.Max(Time(a, 50), Time(b, 50));
        int calls = Math.Max(1, (int)(targetMs * 1000 / perCall));
        var ratios = new double[rounds];
        bestA = bestB = double.MaxValue;
        for (int r = 0; r < rounds; r++)
        {
            double ta, tb;
            if (r % 2 == 0)
            {
                ta = Time(a, calls);
                tb = Time(b, calls);
            }
            else
            {
                tb = Time(b, calls);
                ta = Time(a, calls);
            }

            ratios[r] = tb / ta;
            bestA = Math.Min(bestA, ta);
            bestB = Math.Min(bestB, tb);
        }

        Array.Sort(ratios);
        median = ratios[rounds / 2];
    }

    /// <summary>Microseconds of this thread's CPU time per call over <paramref name="calls"/> calls.</summary>
    private static double Time(Func<float> method, int calls)
    {
        float sink = 0;
        double start = ThreadCpuMicroseconds();
        for (int i = 0; i < calls; i++)
        {
            sink += method();
        }

        double us = (ThreadCpuMicroseconds() - start) / calls;
        return float.IsNaN(sink) ? double.NaN : us;
    }

    private static unsafe double ThreadCpuMicroseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Stopwatch.GetTimestamp() * 1e6 / Stopwatch.Frequency;
        }

        long* time = stackalloc long[2];
        return ClockGetTime(ThreadCpuClock, time) == 0 ? time[0] * 1e6 + time[1] / 1e3 : double.NaN;
    }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static unsafe partial int ClockGetTime(int clock, long* time);

    private static void Invoke<TAttribute>(Type type, object bench)
        where TAttribute : Attribute
    {
        foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            method.Invoke(bench, null);
        }
    }

    private static int[] Option(string[] args, string name, int[] fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length
            ? [.. args[i + 1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))]
            : fallback;
    }
}
