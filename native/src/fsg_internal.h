/*
 * Shared by the path implementations; not part of the ABI. The helpers are static inline on purpose: every path
 * gets its own copy compiled with its own ISA flags. A shared out-of-line copy (or a non-static inline one, which
 * the linker may merge) could carry AVX-512 instructions into the baseline path and crash older CPUs.
 */
#ifndef FSG_INTERNAL_H
#define FSG_INTERNAL_H

#include <math.h>
#include <stdint.h>

#include "fastsgns_native.h"

typedef float (*fsg_train_fn)(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                              const int32_t* targets, int32_t negatives, float alpha);

/* One per path, each in its own translation unit compiled with that path's ISA flags. */
float fsg_train_pairs_scalar(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                             const int32_t* targets, int32_t negatives, float alpha);
float fsg_train_pairs_avx2(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                           const int32_t* targets, int32_t negatives, float alpha);
float fsg_train_pairs_avx512(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                             const int32_t* targets, int32_t negatives, float alpha);

typedef float (*fsg_batches_fn)(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                                int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha);

float fsg_train_batches_scalar(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                               int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha);
float fsg_train_batches_avx2(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                             int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha);
float fsg_train_batches_avx512(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                               int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha);

static inline int64_t fsg_round16(int64_t value) { return (value + 15) / 16 * 16; }

/* Starts loading the next pair's input and output rows while the current pair is computed: negatives are random
 * rows of matrices far larger than the caches, so without this each pair waits on M+2 cache misses. */
static inline void fsg_prefetch_pair(const fsg_context* ctx, int32_t input, const int32_t* target_ids, int32_t rows)
{
    const float* row = ctx->input + (int64_t)input * ctx->stride;
    for (int32_t j = 0; j < ctx->dim; j += 16) {
        __builtin_prefetch(row + j, 1, 3);
    }

    for (int32_t k = 0; k < rows; k++) {
        row = ctx->output + (int64_t)target_ids[k] * ctx->stride;
        for (int32_t j = 0; j < ctx->dim; j += 16) {
            __builtin_prefetch(row + j, 1, 3);
        }
    }
}

/*
 * The managed SigmoidTable.EntryOf: clamp(floor((f + max_exp) scale), -1, size) + 1. The clamp happens in float so
 * that out-of-range and infinite values saturate (a C cast of them would be undefined), and NaN maps to bucket 0 as
 * .NET's saturating float-to-int conversion does.
 */
static inline int32_t fsg_entry_of(float f, float max_exp, float scale, int32_t size)
{
    float bucket = floorf((f + max_exp) * scale);
    if (bucket < -1.0f) {
        return 0;
    }

    if (bucket > (float)size) {
        return size + 1;
    }

    return bucket == bucket ? (int32_t)bucket + 1 : 1;
}

/*
 * From the M+1 dot products of one pair to its gradients g_k = (label_k - sigma) alpha and its loss, in the
 * reference order (the loss is summed k = 0..M; 0 f_k carries a NaN or infinity into it).
 */
static inline float fsg_gradients(const fsg_context* ctx, const float* dots, float* gradients, int32_t rows,
                                  float alpha)
{
    float loss = 0.0f;
    for (int32_t k = 0; k < rows; k++) {
        float f = dots[k];
        int32_t entry = fsg_entry_of(f, ctx->max_exp, ctx->table_scale, ctx->table_size);
        float label = k == 0 ? 1.0f : 0.0f;
        gradients[k] = (label - ctx->sigmoid[entry]) * alpha;
        loss += (k == 0 ? ctx->positive_loss[entry] : ctx->negative_loss[entry]) + 0.0f * f;
    }

    return loss;
}

#endif /* FSG_INTERNAL_H */
