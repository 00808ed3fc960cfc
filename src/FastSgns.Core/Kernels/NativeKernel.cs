using System.Runtime.CompilerServices;
using FastSgns.Interop;

namespace FastSgns.Kernels;

/// <summary>
/// The C kernel of native/ on one instruction-set path, through P/Invoke, one call per sentence: a yardstick for the
/// managed kernels, not a default. Each path is its own registry entry (native-avx512, native-avx2, native-scalar);
/// auto never picks one, <c>--kernel native-avx512</c> or <c>FASTSGNS_KERNEL=native-avx512</c> does. The path is
/// fixed by which export this instance calls; the library holds no state. Supported only when the library is found,
/// has this assembly's ABI version and the CPU runs the path.
/// </summary>
[SkipLocalsInit]
internal sealed unsafe partial class NativeKernel : ISgnsKernel
{
    // Null once the library is usable, otherwise why not; probed once per process.
    private static readonly Lazy<string?> s_libraryProblem = new(Probe);

    private readonly NativePath _path;
    private readonly Lazy<string?> _unsupportedReason;

    internal NativeKernel(NativePath path)
    {
        _path = path;
        Name = NativeLibraryNames.KernelName(path);
        _unsupportedReason = new(() => s_libraryProblem.Value
            ?? (NativeMethods.CpuSupports((int)path) != 0 ? null : $"this CPU cannot run the {Name} kernel."));
    }

    public string Name { get; }

    public bool IsSupported => _unsupportedReason.Value is null;

    /// <summary>Why this kernel cannot run here (library missing or stale, CPU without the path's ISA), or null.</summary>
    public string? UnsupportedReason => _unsupportedReason.Value;

    /// <summary>Whether the library itself loads and has this assembly's ABI version (its scalar path then always runs).</summary>
    public static bool IsAvailable => s_libraryProblem.Value is null;

    /// <summary>Why the library cannot be used, or null.</summary>
    public static string? UnavailableReason => s_libraryProblem.Value;

    public float TrainPairs(in KernelContext context, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int negatives, float alpha)
    {
        PairArguments.Validate(context, inputs, targets, negatives);
        NativeContext native = ToNative(context);
        float loss;
        int status;
        fixed (int* inputIds = inputs)
        fixed (int* targetIds = targets)
        {
            status = _path switch
            {
                NativePath.Avx512 => NativeMethods.TrainPairsAvx512(&native, inputIds, inputs.Length, targetIds, negatives, alpha, &loss),
                NativePath.Avx2 => NativeMethods.TrainPairsAvx2(&native, inputIds, inputs.Length, targetIds, negatives, alpha, &loss),
                _ => NativeMethods.TrainPairsScalar(&native, inputIds, inputs.Length, targetIds, negatives, alpha, &loss),
            };
        }

        ThrowUnlessOk(status);
        return loss;
    }

    private void ThrowUnlessOk(int status)
    {
        switch ((NativeStatus)status)
        {
            case NativeStatus.Ok:
                return;
            case NativeStatus.ScratchTooSmall:
                throw new InvalidOperationException($"The {Name} kernel needs more scratch than PairScratch/BatchScratch size; native/ and the managed layouts disagree.");
            case NativeStatus.Unsupported:
                throw new PlatformNotSupportedException($"The {Name} kernel is not supported on this CPU.");
            default:
                throw new ArgumentException($"The {Name} kernel refused its arguments (status {status}).");
        }
    }

    private static string? Probe()
    {
        int version;
        try
        {
            version = NativeMethods.AbiVersion();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"{NativeLibraryNames.FileName} could not be loaded or lacks an export ({e.GetType().Name}); build it with ./build.sh build (needs cmake and gcc).";
        }

        return version == NativeLibraryNames.ExpectedAbiVersion
            ? null
            : $"{NativeLibraryNames.FileName} has ABI version {version}, this assembly expects {NativeLibraryNames.ExpectedAbiVersion}; rebuild native/.";
    }

    /// <summary>The ABI copy of a context; the scratch length is the context's own, which the managed checks already accepted.</summary>
    private static NativeContext ToNative(in KernelContext context) =>
        new(context.Input, context.Output, context.Stride, context.Dim, context.Sigmoid, context.PositiveLoss, context.NegativeLoss,
            context.TableSize, context.MaxExp, context.TableScale, context.Scratch, context.ScratchFloats);
}
