using System.Runtime.CompilerServices;
using FastSgns.Interop;

namespace FastSgns.Kernels;

/// <summary>
/// The C kernel of native/ through P/Invoke, one call per sentence: a yardstick for the managed kernels, not a
/// default. Auto never picks it; choose it with <c>--kernel native</c> or <c>FASTSGNS_KERNEL=native</c>. Inside the
/// library a scalar, an AVX2+FMA or an AVX-512F path runs (the widest the CPU supports, or the one named by
/// <c>FASTSGNS_NATIVE_PATH</c>); <see cref="ActivePath"/> tells which. Supported only when the library is found, exports
/// every function and has this assembly's ABI version.
/// </summary>
[SkipLocalsInit]
internal sealed unsafe partial class NativeKernel : ISgnsKernel
{
    /// <summary>Forces a path inside the library: scalar, avx2, avx512 or auto.</summary>
    public const string PathEnvironmentVariable = "FASTSGNS_NATIVE_PATH";

    // Null once the library is usable, otherwise why not; probed once per process.
    private static readonly Lazy<string?> s_unavailableReason = new(Probe);

    public string Name => "native";

    public bool IsSupported => IsAvailable;

    public static bool IsAvailable => s_unavailableReason.Value is null;

    /// <summary>Why the kernel cannot run (library missing, stale ABI, unsupported forced path), or null.</summary>
    public static string? UnavailableReason => s_unavailableReason.Value;

    /// <summary>The path the library runs now (scalar, avx2 or avx512), or null when it is unavailable.</summary>
    public static string? ActivePath => IsAvailable ? NativeLibraryNames.PathNames[NativeMethods.GetPath()] : null;

    /// <summary>The paths this CPU can run, narrowest first; empty when the library is unavailable.</summary>
    public static IReadOnlyList<string> SupportedPaths
    {
        get
        {
            var paths = new List<string>();
            for (int path = 0; IsAvailable && path < NativeLibraryNames.PathNames.Length; path++)
            {
                if (NativeMethods.PathSupported(path) != 0)
                {
                    paths.Add(NativeLibraryNames.PathNames[path]);
                }
            }

            return paths;
        }
    }

    /// <summary>
    /// Forces a path for every later call in the process (tests, benchmarks); "auto" restores the default. Not to be
    /// called while training runs.
    /// </summary>
    public static void SelectPath(string name)
    {
        if (!IsAvailable)
        {
            throw new PlatformNotSupportedException($"The native kernel is unavailable: {UnavailableReason}");
        }

        string? error = TrySelectPath(name);
        if (error is not null)
        {
            throw new PlatformNotSupportedException(error);
        }
    }

    public float TrainPairs(in KernelContext context, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int negatives, float alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(negatives);
        if ((long)inputs.Length * (negatives + 1) > targets.Length)
        {
            throw new ArgumentException($"{inputs.Length} pairs with {negatives} negatives need {(long)inputs.Length * (negatives + 1)} targets; got {targets.Length}.", nameof(targets));
        }

        NativeContext native = ToNative(context);
        fixed (int* inputIds = inputs)
        fixed (int* targetIds = targets)
        {
            return NativeMethods.TrainPairs(&native, inputIds, inputs.Length, targetIds, negatives, alpha);
        }
    }

    private static string? Probe()
    {
        int version;
        try
        {
            version = NativeMethods.AbiVersion();
            NativeMethods.GetPath();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"{NativeLibraryNames.FileName} could not be loaded or lacks an export ({e.GetType().Name}); build it with ./build.sh build (needs cmake and gcc).";
        }

        if (version != NativeLibraryNames.ExpectedAbiVersion)
        {
            return $"{NativeLibraryNames.FileName} has ABI version {version}, this assembly expects {NativeLibraryNames.ExpectedAbiVersion}; rebuild native/.";
        }

        string? forced = Environment.GetEnvironmentVariable(PathEnvironmentVariable);
        return string.IsNullOrWhiteSpace(forced) ? null : TrySelectPath(forced.Trim());
    }

    /// <summary>Null on success, else the reason.</summary>
    private static string? TrySelectPath(string name)
    {
        int path = NativeLibraryNames.AutoPath;
        if (!name.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            path = IndexOfPath(name);
            if (path < 0)
            {
                return $"Unknown native path \"{name}\"; expected auto, {string.Join(", ", NativeLibraryNames.PathNames)}.";
            }
        }

        return NativeMethods.SetPath(path) >= 0 ? null : $"The native {name} path is not supported on this CPU.";
    }

    private static int IndexOfPath(string name)
    {
        ReadOnlySpan<string> names = NativeLibraryNames.PathNames;
        for (int i = 0; i < names.Length; i++)
        {
            if (name.Equals(names[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The ABI copy of <paramref name="context"/> that the C kernel reads.</summary>
    private static NativeContext ToNative(in KernelContext context) =>
        new(context.Input, context.Output, context.Stride, context.Dim, context.Sigmoid, context.PositiveLoss, context.NegativeLoss,
            context.TableSize, context.MaxExp, context.TableScale, context.Scratch);
}
