/*
 * The portable path's labelled batches: the managed ScalarKernel.TrainLabeledBatches line for line, compiled as
 * fsg_scalar.c is (-ffp-contract=off, explicit fmaf), so the results match it bit for bit.
 */
#include "fsg_internal.h"

static float dot(const float* a, const float* b, int32_t dim)
{
    float f = 0.0f;
    for (int32_t j = 0; j < dim; j++) {
        f += a[j] * b[j];
    }

    return f;
}

static float train_path_batch(const fsg_context* ctx, const int32_t* context_ids, int32_t count,
                              const int32_t* target_ids, const float* labels, int32_t rows, float alpha)
{
    const int32_t dim = ctx->dim;
    const fsg_path_scratch s = fsg_path_scratch_carve(ctx, count, rows);
    float loss = 0.0f;

    /* Every dot from the pre-batch rows: contexts against targets, and contexts against the earlier contexts. */
    for (int32_t i = 0; i < count; i++) {
        const float* input = ctx->input + context_ids[i] * ctx->stride;
        for (int32_t k = 0; k < rows; k++) {
            s.gradients[i * s.gradient_stride + k] = dot(input, ctx->output + target_ids[k] * ctx->stride, dim);
        }

        for (int32_t j = 0; j < i; j++) {
            s.gram[i * s.gram_stride + j] = dot(input, ctx->input + context_ids[j] * ctx->stride, dim);
        }
    }

    /* Context i's dot with target k after contexts 0..i-1 moved it by G[j,k] C_j, then its gradient. */
    for (int32_t i = 0; i < count; i++) {
        for (int32_t k = 0; k < rows; k++) {
            float f = s.gradients[i * s.gradient_stride + k];
            for (int32_t j = 0; j < i; j++) {
                f = fmaf(s.gram[i * s.gram_stride + j], s.gradients[j * s.gradient_stride + k], f);
            }

            int32_t entry = fsg_entry_of(f, ctx->max_exp, ctx->table_scale, ctx->table_size);
            loss += (labels[k] != 0.0f ? ctx->positive_loss[entry] : ctx->negative_loss[entry]) + 0.0f * f;
            /* Hierarchical softmax skips a saturated node, as word2vec.c does: gradient 0 moves neither row. */
            s.gradients[i * s.gradient_stride + k] =
                fsg_is_saturated(f, ctx->max_exp) ? 0.0f : (labels[k] - ctx->sigmoid[entry]) * alpha;
        }
    }

    for (int32_t j = 0; j < dim; j++) {
        for (int32_t i = 0; i < count; i++) {
            s.delta_input[i] = 0.0f;
        }

        /* Each target moves context by context; each context's delta reads it as the earlier ones left it. */
        for (int32_t k = 0; k < rows; k++) {
            float* target = ctx->output + target_ids[k] * ctx->stride + j;
            float value = *target;
            for (int32_t i = 0; i < count; i++) {
                const float g = s.gradients[i * s.gradient_stride + k];
                s.delta_input[i] = fmaf(g, value, s.delta_input[i]);
                value = fmaf(g, ctx->input[context_ids[i] * ctx->stride + j], value);
            }

            *target = value;
        }

        /* The contexts move last, one by one, so a repeated context receives both deltas. */
        for (int32_t i = 0; i < count; i++) {
            ctx->input[context_ids[i] * ctx->stride + j] += s.delta_input[i];
        }
    }

    return loss;
}

int32_t fsg_labeled_batches_scalar(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                                   int64_t batch_count, const int32_t* targets, const int32_t* target_offsets,
                                   const float* labels, float alpha, float* loss)
{
#define NOTHING_BEFORE_BATCH(b) ((void)0)
    FSG_LABELED_BATCHES_BODY(train_path_batch, NOTHING_BEFORE_BATCH);
#undef NOTHING_BEFORE_BATCH
}
