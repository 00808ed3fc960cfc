using FastSgns.Interop;

namespace FastSgns.Kernels;

internal sealed unsafe partial class NativeKernel
{
    /// <summary>One P/Invoke per call (per sentence in training): this path's fsg_train_hidden_*.</summary>
    public float TrainHidden(in KernelContext context, in HiddenBatch batch, float alpha)
    {
        HiddenArguments.Validate(context, batch);
        var call = new HiddenCall(_path, ToNative(context), alpha);
        float loss = PinnedHiddenBatch.Pin(context, batch, ref call);
        ThrowUnlessOk(call.Status);
        return loss;
    }

    /// <summary>The P/Invoke over a pinned batch; leaves the C status in <see cref="Status"/>.</summary>
    private struct HiddenCall(NativePath path, NativeContext native, float alpha) : IPinnedHiddenBody
    {
        public int Status { get; private set; }

        public float Run(in NativeHiddenBatch batch)
        {
            NativeContext context = native;
            NativeHiddenBatch call = batch;
            float loss;
            Status = path switch
            {
                NativePath.Avx512 => NativeMethods.TrainHiddenAvx512(&context, &call, alpha, &loss),
                NativePath.Avx2 => NativeMethods.TrainHiddenAvx2(&context, &call, alpha, &loss),
                _ => NativeMethods.TrainHiddenScalar(&context, &call, alpha, &loss),
            };
            return loss;
        }
    }
}
