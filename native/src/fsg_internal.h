/*
 * Shared by the path implementations; not part of the ABI. The helpers are static inline on purpose: every path
 * gets its own copy compiled with its own ISA flags. A shared out-of-line copy (or a non-static inline one, which
 * the linker may merge) could carry AVX-512 instructions into the baseline path and crash older CPUs.
 */
#ifndef FSG_INTERNAL_H
#define FSG_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "fastsgns_native.h"

/*
 * One pair of entry points per path, each in its own translation unit compiled with that path's ISA flags (the
 * exported fsg_train_* wrappers in fsg_exports.c check the arguments and the CPU, then call these). They check
 * the scratch length themselves, since only they know their scratch layout.
 */
#define FSG_DECLARE_PATH(isa)                                                                                     \
    int32_t fsg_pairs_##isa(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,                  \
                            const int32_t* targets, int32_t negatives, float alpha, float* loss);                \
    int32_t fsg_batches_##isa(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,          \
                              int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha,       \
                              float* loss);                                                                      \
    int32_t fsg_labeled_batches_##isa(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,  \
                                      int64_t batch_count, const int32_t* targets,                               \
                                      const int32_t* target_offsets, const float* labels, float alpha,           \
                                      float* loss);                                                              \
    int32_t fsg_hidden_##isa(const fsg_context* ctx, const fsg_hidden_batch* batch, float alpha, float* loss);

FSG_DECLARE_PATH(scalar)
FSG_DECLARE_PATH(avx2)
FSG_DECLARE_PATH(avx512)

static inline int64_t fsg_round_up(int64_t value, int64_t multiple)
{
    return (value + multiple - 1) / multiple * multiple;
}

/* Floats that n pointers occupy in a float scratch buffer. */
static inline int64_t fsg_pointer_floats(int64_t n) { return n * (int64_t)(sizeof(void*) / sizeof(float)); }

/* The largest batch of a call (batches are offsets[b + 1] - offsets[b]). */
static inline int32_t fsg_largest_batch(const int32_t* offsets, int64_t batch_count)
{
    int32_t largest = 0;
    for (int64_t b = 0; b < batch_count; b++) {
        int32_t count = offsets[b + 1] - offsets[b];
        largest = count > largest ? count : largest;
    }

    return largest;
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
 * The scalar sigmoid step, the managed ScalarKernel's: from the M+1 dot products of one pair to its gradients
 * g_k = (label_k - sigma) alpha and its loss, summed k = 0..M (0 f_k carries a NaN or infinity into it).
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

/* R of the hidden layout: the most rows one part of an example has (M+1, or the longest node list). */
static inline int32_t fsg_hidden_rows(const fsg_hidden_batch* batch)
{
    int32_t rows = batch->targets != NULL ? batch->negatives + 1 : 0;
    if (batch->node_offsets != NULL) {
        for (int64_t e = 0; e < batch->example_count; e++) {
            int32_t count = batch->node_offsets[e + 1] - batch->node_offsets[e];
            rows = count > rows ? count : rows;
        }
    }

    return rows;
}

/* The managed HiddenScratch.Floats(dim, rows). */
static inline int64_t fsg_hidden_scratch_floats(int32_t dim, int32_t rows)
{
    return 2 * fsg_round_up(dim, 16) + 5 * fsg_round_up(rows > 1 ? rows : 1, 16);
}

/*
 * The hidden layout, the managed HiddenScratch: [hidden: round16(dim)] [gradient: round16(dim)] [dots: round16(R)]
 * [gradients: round16(R)] [labels: round16(R)] [R output row pointers]. Carved in this one place for every path.
 */
typedef struct fsg_hidden_scratch {
    float* hidden;
    float* gradient;
    float* dots;
    float* gradients;
    float* labels;
    float** outputs;
} fsg_hidden_scratch;

/*
 * Checks that ctx's scratch holds the hidden layout for batch (FSG_ERROR_SCRATCH if not), carves it into *scratch
 * and writes negative sampling's labels, 1 then M zeros (the tree part brings its own).
 */
static inline int32_t fsg_hidden_scratch_carve(const fsg_context* ctx, const fsg_hidden_batch* batch,
                                               fsg_hidden_scratch* scratch)
{
    const int32_t rows = fsg_hidden_rows(batch);
    if (fsg_hidden_scratch_floats(ctx->dim, rows) > ctx->scratch_floats) {
        return FSG_ERROR_SCRATCH;
    }

    const int64_t padded_dim = fsg_round_up(ctx->dim, 16);
    const int64_t padded = fsg_round_up(rows > 1 ? rows : 1, 16);
    scratch->hidden = ctx->scratch;
    scratch->gradient = scratch->hidden + padded_dim;
    scratch->dots = scratch->gradient + padded_dim;
    scratch->gradients = scratch->dots + padded;
    scratch->labels = scratch->gradients + padded;
    scratch->outputs = (float**)(scratch->labels + padded);
    for (int32_t k = 0; batch->targets != NULL && k <= batch->negatives; k++) {
        scratch->labels[k] = k == 0 ? 1.0f : 0.0f;
    }

    return FSG_OK;
}

/*
 * The managed SigmoidTable.IsSaturated: whether hierarchical softmax skips a node with dot f (f <= -max_exp or
 * f >= max_exp, word2vec.c's test, and NaN too).
 */
static inline int32_t fsg_is_saturated(float f, float max_exp)
{
    return !(f > -max_exp && f < max_exp);
}

/*
 * The scalar labelled sigmoid step, the managed ScalarKernel's TrainPart: g_k = (label_k - sigma) alpha, or 0 for a
 * saturated dot when skip_saturated (hierarchical softmax), the loss of label 1 or 0 per row, summed k = 0..rows-1
 * (0 f_k carries a NaN or infinity into it).
 */
static inline float fsg_label_gradients(const fsg_context* ctx, const float* dots, const float* labels,
                                        float* gradients, int32_t rows, float alpha, int32_t skip_saturated)
{
    float loss = 0.0f;
    for (int32_t k = 0; k < rows; k++) {
        float f = dots[k];
        int32_t entry = fsg_entry_of(f, ctx->max_exp, ctx->table_scale, ctx->table_size);
        loss += (labels[k] != 0.0f ? ctx->positive_loss[entry] : ctx->negative_loss[entry]) + 0.0f * f;
        gradients[k] = skip_saturated && fsg_is_saturated(f, ctx->max_exp) ? 0.0f
                                                                           : (labels[k] - ctx->sigmoid[entry]) * alpha;
    }

    return loss;
}

/*
 * FSG_HIDDEN_GENSIM_TARGETS' second half, the managed kernels' skipRepeats: a later row with the first row's id (a
 * negative equal to the positive) gets g = 0, so neither it nor the hidden vector moves.
 */
static inline void fsg_skip_repeats(const int32_t* ids, float* gradients, int32_t rows)
{
    for (int32_t k = 1; k < rows; k++) {
        gradients[k] = ids[k] == ids[0] ? 0.0f : gradients[k];
    }
}

/*
 * The labelled-batch layout, the managed PathBatchScratch: [dots, then gradients: B x round16(T)] [contexts' dots
 * with each other: B x round16(B)] [dC: B x 16] [B + T row pointers, rounded to 16 floats]. Carved here for every path.
 */
typedef struct fsg_path_scratch {
    float* gradients;
    int64_t gradient_stride;
    float* gram;
    int64_t gram_stride;
    float* delta_input;
    float** inputs;
    float** outputs;
} fsg_path_scratch;

/* The managed PathBatchScratch.Floats(rows, count). */
static inline int64_t fsg_path_scratch_floats(int32_t rows, int32_t count)
{
    return (int64_t)count * (fsg_round_up(rows, 16) + fsg_round_up(count, 16) + 16) +
           fsg_round_up(fsg_pointer_floats((int64_t)count + rows), 16);
}

/* FSG_ERROR_SCRATCH unless ctx's scratch holds the layout for the largest batch and the longest target list. */
static inline int32_t fsg_path_scratch_check(const fsg_context* ctx, const int32_t* offsets,
                                             const int32_t* target_offsets, int64_t batch_count)
{
    return fsg_path_scratch_floats(fsg_largest_batch(target_offsets, batch_count),
                                   fsg_largest_batch(offsets, batch_count)) > ctx->scratch_floats
               ? FSG_ERROR_SCRATCH
               : FSG_OK;
}

/*
 * The body of each fsg_labeled_batches path (the arguments named as in its signature): one check of the scratch, then
 * every batch with contexts and targets trained by TRAIN (the path's train_path_batch), BEFORE_BATCH(b) first (the
 * SIMD paths prefetch the next batch's rows there; the scalar reference does nothing). A macro, so that each path's
 * static functions are called, and inlined, directly.
 */
#define FSG_LABELED_BATCHES_BODY(TRAIN, BEFORE_BATCH)                                                                \
    do {                                                                                                           \
        int32_t status_ = fsg_path_scratch_check(ctx, offsets, target_offsets, batch_count);                        \
        if (status_ != FSG_OK) {                                                                                   \
            return status_;                                                                                        \
        }                                                                                                          \
        float sum_ = 0.0f;                                                                                         \
        for (int64_t b = 0; b < batch_count; b++) {                                                                \
            BEFORE_BATCH(b);                                                                                       \
            const int32_t count_ = offsets[b + 1] - offsets[b];                                                    \
            const int32_t from_ = target_offsets[b];                                                               \
            const int32_t rows_ = target_offsets[b + 1] - from_;                                                   \
            if (count_ > 0 && rows_ > 0) {                                                                         \
                sum_ += TRAIN(ctx, contexts + offsets[b], count_, targets + from_, labels + from_, rows_, alpha);  \
            }                                                                                                      \
        }                                                                                                          \
        *loss = sum_;                                                                                              \
        return FSG_OK;                                                                                             \
    } while (0)

static inline fsg_path_scratch fsg_path_scratch_carve(const fsg_context* ctx, int32_t count, int32_t rows)
{
    fsg_path_scratch s;
    s.gradient_stride = fsg_round_up(rows, 16);
    s.gram_stride = fsg_round_up(count, 16);
    s.gradients = ctx->scratch;
    s.gram = s.gradients + count * s.gradient_stride;
    s.delta_input = s.gram + count * s.gram_stride;
    s.inputs = (float**)(s.delta_input + (int64_t)count * 16);
    s.outputs = s.inputs + count;
    return s;
}

#endif /* FSG_INTERNAL_H */
