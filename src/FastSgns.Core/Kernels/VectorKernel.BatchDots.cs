namespace FastSgns.Kernels;

/// <summary>The B×(M+1) dot products of a batch, register-blocked (see <c>VectorKernel.Batched.cs</c>).</summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    /// <summary>dots[i·stride + k] = inputs[i] · outputs[k], in tiles of 2 contexts × 4 targets.</summary>
    private static void BatchDots(float** inputs, float** outputs, float* dots, int stride, int count, int rows, int dim)
    {
        int lastRow = rows - 1;
        int lastContext = count - 1;
        int k = 0;
        for (; k < rows - 2; k += 4)
        {
            float* o0 = outputs[k], o1 = outputs[Math.Min(k + 1, lastRow)], o2 = outputs[Math.Min(k + 2, lastRow)], o3 = outputs[Math.Min(k + 3, lastRow)];
            for (int i = 0; i < count; i += 2)
            {
                float* x0 = inputs[i], x1 = inputs[Math.Min(i + 1, lastContext)];
                TVec a0 = default, a1 = default, a2 = default, a3 = default;
                TVec b0 = default, b1 = default, b2 = default, b3 = default;
                int j = 0;
                for (; j <= dim - TOps.Count; j += TOps.Count)
                {
                    TVec x = TOps.Load(x0 + j), y = TOps.Load(x1 + j);
                    TVec p = TOps.Load(o0 + j);
                    a0 = TOps.MultiplyAdd(x, p, a0);
                    b0 = TOps.MultiplyAdd(y, p, b0);
                    p = TOps.Load(o1 + j);
                    a1 = TOps.MultiplyAdd(x, p, a1);
                    b1 = TOps.MultiplyAdd(y, p, b1);
                    p = TOps.Load(o2 + j);
                    a2 = TOps.MultiplyAdd(x, p, a2);
                    b2 = TOps.MultiplyAdd(y, p, b2);
                    p = TOps.Load(o3 + j);
                    a3 = TOps.MultiplyAdd(x, p, a3);
                    b3 = TOps.MultiplyAdd(y, p, b3);
                }

                if (j < dim)
                {
                    int tail = dim - j;
                    TVec mask = TOps.TailMask(tail);
                    TVec x = TOps.LoadTail(x0 + j, mask, tail), y = TOps.LoadTail(x1 + j, mask, tail);
                    TVec p = TOps.LoadTail(o0 + j, mask, tail);
                    a0 = TOps.MultiplyAdd(x, p, a0);
                    b0 = TOps.MultiplyAdd(y, p, b0);
                    p = TOps.LoadTail(o1 + j, mask, tail);
                    a1 = TOps.MultiplyAdd(x, p, a1);
                    b1 = TOps.MultiplyAdd(y, p, b1);
                    p = TOps.LoadTail(o2 + j, mask, tail);
                    a2 = TOps.MultiplyAdd(x, p, a2);
                    b2 = TOps.MultiplyAdd(y, p, b2);
                    p = TOps.LoadTail(o3 + j, mask, tail);
                    a3 = TOps.MultiplyAdd(x, p, a3);
                    b3 = TOps.MultiplyAdd(y, p, b3);
                }

                // Slots past rows fall in the row's padding (stride ≥ round4(rows)); a repeated last context is dropped.
                float* d = dots + i * stride + k;
                d[0] = TOps.Sum(a0);
                d[1] = TOps.Sum(a1);
                d[2] = TOps.Sum(a2);
                d[3] = TOps.Sum(a3);
                if (i + 1 < count)
                {
                    d += stride;
                    d[0] = TOps.Sum(b0);
                    d[1] = TOps.Sum(b1);
                    d[2] = TOps.Sum(b2);
                    d[3] = TOps.Sum(b3);
                }
            }
        }

        if (k < rows)
        {
            BatchDots2(inputs, outputs[k], outputs[lastRow], dots + k, stride, count, dim);
        }
    }

    /// <summary>The last one or two targets (o1 repeats o0 for one): tiles of 2 contexts × 2 targets, no wasted slots for M+1 = 6.</summary>
    private static void BatchDots2(float** inputs, float* o0, float* o1, float* dots, int stride, int count, int dim)
    {
        int lastContext = count - 1;
        for (int i = 0; i < count; i += 2)
        {
            float* x0 = inputs[i], x1 = inputs[Math.Min(i + 1, lastContext)];
            TVec a0 = default, a1 = default, b0 = default, b1 = default;
            int j = 0;
            for (; j <= dim - TOps.Count; j += TOps.Count)
            {
                TVec x = TOps.Load(x0 + j), y = TOps.Load(x1 + j);
                TVec p = TOps.Load(o0 + j), q = TOps.Load(o1 + j);
                a0 = TOps.MultiplyAdd(x, p, a0);
                b0 = TOps.MultiplyAdd(y, p, b0);
                a1 = TOps.MultiplyAdd(x, q, a1);
                b1 = TOps.MultiplyAdd(y, q, b1);
            }

            if (j < dim)
            {
                int tail = dim - j;
                TVec mask = TOps.TailMask(tail);
                TVec x = TOps.LoadTail(x0 + j, mask, tail), y = TOps.LoadTail(x1 + j, mask, tail);
                TVec p = TOps.LoadTail(o0 + j, mask, tail), q = TOps.LoadTail(o1 + j, mask, tail);
                a0 = TOps.MultiplyAdd(x, p, a0);
                b0 = TOps.MultiplyAdd(y, p, b0);
                a1 = TOps.MultiplyAdd(x, q, a1);
                b1 = TOps.MultiplyAdd(y, q, b1);
            }

            float* d = dots + i * stride;
            d[0] = TOps.Sum(a0);
            d[1] = TOps.Sum(a1);
            if (i + 1 < count)
            {
                d[stride] = TOps.Sum(b0);
                d[stride + 1] = TOps.Sum(b1);
            }
        }
    }
}
