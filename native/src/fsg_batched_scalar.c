/*
 * fsg_train_batches, portable path: the managed ScalarKernel.TrainBatches line for line (compiled with
 * -ffp-contract=off; the update's fused multiply-adds are explicit fmaf calls), so the results match bit for bit.
 */
#include "fsg_internal.h"

static float train_batch(const fsg_context* ctx, const int32_t* context_ids, int32_t count, const int32_t* target_ids,
                         int32_t rows, float alpha)
{
    const int32_t dim = ctx->dim;
    const int64_t gradient_stride = fsg_round16(rows);
    float* gradients = ctx->scratch;
    float* delta_input = gradients + count * gradient_stride;
    float* delta_output = delta_input + count;
    float loss = 0.0f;

    for (int32_t i = 0; i < count; i++) {
        const float* input = ctx->input + context_ids[i] * ctx->stride;
        for (int32_t k = 0; k < rows; k++) {
            const float* output = ctx->output + target_ids[k] * ctx->stride;
            float f = 0.0f;
            for (int32_t j = 0; j < dim; j++) {
                f += input[j] * output[j];
            }

            int32_t entry = fsg_entry_of(f, ctx->max_exp, ctx->table_scale, ctx->table_size);
            float label = k == 0 ? 1.0f : 0.0f;
            gradients[i * gradient_stride + k] = (label - ctx->sigmoid[entry]) * alpha;
            loss += (k == 0 ? ctx->positive_loss[entry] : ctx->negative_loss[entry]) + 0.0f * f;
        }
    }

    for (int32_t j = 0; j < dim; j++) {
        for (int32_t i = 0; i < count; i++) {
            float delta = 0.0f;
            for (int32_t k = 0; k < rows; k++) {
                delta = fmaf(gradients[i * gradient_stride + k], ctx->output[target_ids[k] * ctx->stride + j], delta);
            }

            delta_input[i] = delta;
        }

        for (int32_t k = 0; k < rows; k++) {
            float delta = 0.0f;
            for (int32_t i = 0; i < count; i++) {
                delta = fmaf(gradients[i * gradient_stride + k], ctx->input[context_ids[i] * ctx->stride + j], delta);
            }

            delta_output[k] = delta;
        }

        for (int32_t i = 0; i < count; i++) {
            ctx->input[context_ids[i] * ctx->stride + j] += delta_input[i];
        }

        for (int32_t k = 0; k < rows; k++) {
            ctx->output[target_ids[k] * ctx->stride + j] += delta_output[k];
        }
    }

    return loss;
}

float fsg_train_batches_scalar(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                               int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha)
{
    const int32_t rows = negatives + 1;
    float loss = 0.0f;
    for (int64_t b = 0; b < batch_count; b++) {
        loss += train_batch(ctx, contexts + offsets[b], offsets[b + 1] - offsets[b], targets + b * rows, rows, alpha);
    }

    return loss;
}
