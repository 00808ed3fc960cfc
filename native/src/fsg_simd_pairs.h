/*
 * fsg_train_pairs for one SIMD width: the one source of the SIMD pairs algorithm, included by fsg_simd_avx2.c and
 * fsg_simd_avx512.c after fsg_simd_common.h. It is the managed VectorKernel.TrainPairs (on Avx512Ops / Avx2Ops),
 * step for step:
 *
 * - dots four output rows per sweep (one load of an input chunk feeds four FMA chains), a masked tail chunk; the
 *   one to three rows left over run alone with two accumulators (no padded, wasted rows);
 * - the sigmoid step by gathers (gather_gradients);
 * - one fused pass over the dimensions: per chunk, e += g_k out_k and out_k += g_k in for k = 0..M with separate
 *   multiplies and adds in the scalar order (so, given the same gradients, every element ends bit-identical to the
 *   scalar path), then in += e; a masked tail chunk;
 * - the next pair's input and output rows prefetched in full while this pair computes.
 */

/* dots[k] = <input, outputs[k]> for k < rows. */
static void pair_dots(const float* input, float* const* outputs, float* dots, int32_t rows, int32_t dim)
{
    const int32_t vector_end = dim / LANES * LANES;
    int32_t k = 0;
    for (; k <= rows - 4; k += 4) {
        const float* o0 = outputs[k];
        const float* o1 = outputs[k + 1];
        const float* o2 = outputs[k + 2];
        const float* o3 = outputs[k + 3];
        VEC a0 = V_ZERO(), a1 = V_ZERO(), a2 = V_ZERO(), a3 = V_ZERO();
        for (int32_t j = 0; j < vector_end; j += LANES) {
            VEC x = V_LOAD(input + j);
            a0 = V_FMA(x, V_LOAD(o0 + j), a0);
            a1 = V_FMA(x, V_LOAD(o1 + j), a1);
            a2 = V_FMA(x, V_LOAD(o2 + j), a2);
            a3 = V_FMA(x, V_LOAD(o3 + j), a3);
        }

        if (vector_end < dim) {
            const int32_t j = vector_end;
            const MASK tail = V_TAIL(dim - j);
            VEC x = V_LOADM(input + j, tail);
            a0 = V_FMA(x, V_LOADM(o0 + j, tail), a0);
            a1 = V_FMA(x, V_LOADM(o1 + j, tail), a1);
            a2 = V_FMA(x, V_LOADM(o2 + j, tail), a2);
            a3 = V_FMA(x, V_LOADM(o3 + j, tail), a3);
        }

        dots[k] = V_SUM(a0);
        dots[k + 1] = V_SUM(a1);
        dots[k + 2] = V_SUM(a2);
        dots[k + 3] = V_SUM(a3);
    }

    for (; k < rows; k++) {
        /* Two accumulators halve the FMA latency chain of a lone row. */
        const float* o = outputs[k];
        VEC a0 = V_ZERO(), a1 = V_ZERO();
        int32_t j = 0;
        for (; j <= dim - 2 * LANES; j += 2 * LANES) {
            a0 = V_FMA(V_LOAD(input + j), V_LOAD(o + j), a0);
            a1 = V_FMA(V_LOAD(input + j + LANES), V_LOAD(o + j + LANES), a1);
        }

        for (; j < dim; j += LANES) {
            const MASK tail = V_TAIL(dim - j);
            a0 = V_FMA(V_LOADM(input + j, tail), V_LOADM(o + j, tail), a0);
        }

        dots[k] = V_SUM(V_ADD(a0, a1));
    }
}

/* The update of one pair, chunk by chunk, in the scalar order (see the top of this file). */
static void pair_update(float* input, float* const* outputs, const float* gradients, int32_t rows, int32_t dim)
{
    const int32_t vector_end = dim / LANES * LANES;
    for (int32_t j = 0; j < vector_end; j += LANES) {
        VEC x = V_LOAD(input + j);
        VEC error = V_ZERO();
        for (int32_t k = 0; k < rows; k++) {
            float* o = outputs[k] + j;
            VEC g = V_SET1(gradients[k]);
            VEC value = V_LOAD(o);
            error = V_ADD(error, V_MUL(g, value));
            V_STORE(o, V_ADD(value, V_MUL(g, x)));
        }

        V_STORE(input + j, V_ADD(x, error));
    }

    if (vector_end < dim) {
        const int32_t j = vector_end;
        const MASK tail = V_TAIL(dim - j);
        VEC x = V_LOADM(input + j, tail);
        VEC error = V_ZERO();
        for (int32_t k = 0; k < rows; k++) {
            float* o = outputs[k] + j;
            VEC g = V_SET1(gradients[k]);
            VEC value = V_LOADM(o, tail);
            error = V_ADD(error, V_MUL(g, value));
            V_STOREM(o, tail, V_ADD(value, V_MUL(g, x)));
        }

        V_STOREM(input + j, tail, V_ADD(x, error));
    }
}

int32_t FSG_NAME(fsg_pairs)(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                            const int32_t* targets, int32_t negatives, float alpha, float* loss)
{
    /* Scratch: M+1 dots, M+1 gradients (each padded to 16 floats), then the M+1 output row pointers. */
    const int32_t rows = negatives + 1;
    const int64_t padded = fsg_round_up(rows, 16);
    if (2 * padded + fsg_pointer_floats(rows) > ctx->scratch_floats) {
        return FSG_ERROR_SCRATCH;
    }

    float* dots = ctx->scratch;
    float* gradients = dots + padded;
    float** outputs = (float**)(gradients + padded);
    const int32_t dim = ctx->dim;
    float sum = 0.0f;
    for (int64_t p = 0; p < pair_count; p++) {
        const int32_t* ids = targets + p * rows;
        if (p + 1 < pair_count) {
            prefetch_row(ctx->input + inputs[p + 1] * ctx->stride, dim);
            for (int32_t k = 0; k < rows; k++) {
                prefetch_row(ctx->output + ids[rows + k] * ctx->stride, dim);
            }
        }

        for (int32_t k = 0; k < rows; k++) {
            outputs[k] = ctx->output + ids[k] * ctx->stride;
        }

        float* input = ctx->input + inputs[p] * ctx->stride;
        pair_dots(input, outputs, dots, rows, dim);
        sum += gather_gradients(ctx, dots, gradients, rows, alpha);
        pair_update(input, outputs, gradients, rows, dim);
    }

    *loss = sum;
    return FSG_OK;
}
