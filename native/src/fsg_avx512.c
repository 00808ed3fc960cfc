/*
 * The AVX-512F path (this file alone is compiled with -mavx512f): 16 lanes; the tail uses masked loads and
 * stores, which never touch (or fault on) memory past the row. Dot products run four output rows at a time so
 * that one load of the input row feeds four independent FMA chains.
 */
#include <immintrin.h>

#include "fsg_internal.h"

enum { LANES = 16 };

/* dots[0..3] = <in, out0..3>; rows may repeat (the caller pads a short block with its last row). */
static inline void dot4(const float* in, const float* out0, const float* out1, const float* out2, const float* out3,
                        int32_t dim, __mmask16 tail, float* dots)
{
    const int32_t vector_end = dim & ~(LANES - 1);
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
    for (int32_t j = 0; j < vector_end; j += LANES) {
        __m512 x = _mm512_loadu_ps(in + j);
        a0 = _mm512_fmadd_ps(x, _mm512_loadu_ps(out0 + j), a0);
        a1 = _mm512_fmadd_ps(x, _mm512_loadu_ps(out1 + j), a1);
        a2 = _mm512_fmadd_ps(x, _mm512_loadu_ps(out2 + j), a2);
        a3 = _mm512_fmadd_ps(x, _mm512_loadu_ps(out3 + j), a3);
    }

    if (tail) {
        const int32_t j = vector_end;
        __m512 x = _mm512_maskz_loadu_ps(tail, in + j);
        a0 = _mm512_fmadd_ps(x, _mm512_maskz_loadu_ps(tail, out0 + j), a0);
        a1 = _mm512_fmadd_ps(x, _mm512_maskz_loadu_ps(tail, out1 + j), a1);
        a2 = _mm512_fmadd_ps(x, _mm512_maskz_loadu_ps(tail, out2 + j), a2);
        a3 = _mm512_fmadd_ps(x, _mm512_maskz_loadu_ps(tail, out3 + j), a3);
    }

    dots[0] = _mm512_reduce_add_ps(a0);
    dots[1] = _mm512_reduce_add_ps(a1);
    dots[2] = _mm512_reduce_add_ps(a2);
    dots[3] = _mm512_reduce_add_ps(a3);
}

/* One step of the update for 16 (or, under a tail mask, fewer) dimensions starting at j. */
static inline void update(float* input, float* const* outputs, const float* gradients, int32_t rows, int32_t j,
                          __mmask16 mask)
{
    __m512 x = _mm512_maskz_loadu_ps(mask, input + j);
    __m512 error = _mm512_setzero_ps();
    for (int32_t k = 0; k < rows; k++) {
        __m512 g = _mm512_set1_ps(gradients[k]);
        __m512 out = _mm512_maskz_loadu_ps(mask, outputs[k] + j);
        error = _mm512_fmadd_ps(g, out, error);
        _mm512_mask_storeu_ps(outputs[k] + j, mask, _mm512_fmadd_ps(g, x, out));
    }

    _mm512_mask_storeu_ps(input + j, mask, _mm512_add_ps(x, error));
}

static float train_pair(const fsg_context* ctx, int32_t input_id, const int32_t* target_ids, int32_t rows,
                        float alpha)
{
    const int32_t dim = ctx->dim;
    float* input = ctx->input + input_id * ctx->stride;
    const __mmask16 tail = (__mmask16)((1u << (dim & (LANES - 1))) - 1u);

    /* Scratch: [round16(dim) unused][dots, then gradients: round16(rows)][row pointers: rows]. */
    float* gradients = ctx->scratch + fsg_round16(dim);
    float** outputs = (float**)(gradients + fsg_round16(rows));
    for (int32_t k = 0; k < rows; k++) {
        outputs[k] = ctx->output + target_ids[k] * ctx->stride;
    }

    float block[4];
    for (int32_t k = 0; k < rows; k += 4) {
        const int32_t last = rows - 1;
        dot4(input, outputs[k], outputs[k + 1 < last ? k + 1 : last], outputs[k + 2 < last ? k + 2 : last],
             outputs[k + 3 < last ? k + 3 : last], dim, tail, block);
        for (int32_t i = 0; i < 4 && k + i < rows; i++) {
            gradients[k + i] = block[i];
        }
    }

    float loss = fsg_gradients(ctx, gradients, gradients, rows, alpha);

    const int32_t vector_end = dim & ~(LANES - 1);
    for (int32_t j = 0; j < vector_end; j += LANES) {
        update(input, outputs, gradients, rows, j, (__mmask16)0xFFFF);
    }

    if (tail) {
        update(input, outputs, gradients, rows, vector_end, tail);
    }

    return loss;
}

float fsg_train_pairs_avx512(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                             const int32_t* targets, int32_t negatives, float alpha)
{
    const int32_t rows = negatives + 1;
    float loss = 0.0f;
    for (int64_t p = 0; p < pair_count; p++) {
        if (p + 1 < pair_count) {
            fsg_prefetch_pair(ctx, inputs[p + 1], targets + (p + 1) * rows, rows);
        }

        loss += train_pair(ctx, inputs[p], targets + p * rows, rows, alpha);
    }

    return loss;
}
