/*
 * The AVX2 + FMA path (this file alone is compiled with -mavx2 -mfma): 8 lanes, a scalar fused tail. Dot products
 * run four output rows at a time so that one load of the input row feeds four independent FMA chains.
 */
#include <immintrin.h>

#include "fsg_internal.h"

enum { LANES = 8 };

static inline float hsum(__m256 v)
{
    __m128 sum = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    sum = _mm_add_ps(sum, _mm_movehl_ps(sum, sum));
    sum = _mm_add_ss(sum, _mm_movehdup_ps(sum));
    return _mm_cvtss_f32(sum);
}

/* dots[0..3] = <in, out0..3>; rows may repeat (the caller pads a short block with its last row). */
static inline void dot4(const float* in, const float* out0, const float* out1, const float* out2, const float* out3,
                        int32_t dim, float* dots)
{
    const int32_t vector_end = dim & ~(LANES - 1);
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
    for (int32_t j = 0; j < vector_end; j += LANES) {
        __m256 x = _mm256_loadu_ps(in + j);
        a0 = _mm256_fmadd_ps(x, _mm256_loadu_ps(out0 + j), a0);
        a1 = _mm256_fmadd_ps(x, _mm256_loadu_ps(out1 + j), a1);
        a2 = _mm256_fmadd_ps(x, _mm256_loadu_ps(out2 + j), a2);
        a3 = _mm256_fmadd_ps(x, _mm256_loadu_ps(out3 + j), a3);
    }

    float f0 = hsum(a0), f1 = hsum(a1), f2 = hsum(a2), f3 = hsum(a3);
    for (int32_t j = vector_end; j < dim; j++) {
        f0 = fmaf(in[j], out0[j], f0);
        f1 = fmaf(in[j], out1[j], f1);
        f2 = fmaf(in[j], out2[j], f2);
        f3 = fmaf(in[j], out3[j], f3);
    }

    dots[0] = f0;
    dots[1] = f1;
    dots[2] = f2;
    dots[3] = f3;
}

static float train_pair(const fsg_context* ctx, int32_t input_id, const int32_t* target_ids, int32_t rows,
                        float alpha)
{
    const int32_t dim = ctx->dim;
    float* input = ctx->input + input_id * ctx->stride;

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
             outputs[k + 3 < last ? k + 3 : last], dim, block);
        for (int32_t i = 0; i < 4 && k + i < rows; i++) {
            gradients[k + i] = block[i];
        }
    }

    float loss = fsg_gradients(ctx, gradients, gradients, rows, alpha);

    const int32_t vector_end = dim & ~(LANES - 1);
    for (int32_t j = 0; j < vector_end; j += LANES) {
        __m256 x = _mm256_loadu_ps(input + j);
        __m256 error = _mm256_setzero_ps();
        for (int32_t k = 0; k < rows; k++) {
            __m256 g = _mm256_set1_ps(gradients[k]);
            __m256 out = _mm256_loadu_ps(outputs[k] + j);
            error = _mm256_fmadd_ps(g, out, error);
            _mm256_storeu_ps(outputs[k] + j, _mm256_fmadd_ps(g, x, out));
        }

        _mm256_storeu_ps(input + j, _mm256_add_ps(x, error));
    }

    for (int32_t j = vector_end; j < dim; j++) {
        float x = input[j];
        float error = 0.0f;
        for (int32_t k = 0; k < rows; k++) {
            error = fmaf(gradients[k], outputs[k][j], error);
            outputs[k][j] = fmaf(gradients[k], x, outputs[k][j]);
        }

        input[j] = x + error;
    }

    return loss;
}

float fsg_train_pairs_avx2(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
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
