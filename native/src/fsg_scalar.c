/*
 * The portable path: the managed ScalarKernel line for line (word2vec.c's inner loop for pairs, its TrainBatches
 * for batches), compiled with -ffp-contract=off so that every product and sum is rounded as C# rounds it (the
 * batched update's fused multiply-adds are explicit fmaf calls) and the results match bit for bit.
 */
#include "fsg_internal.h"

static float train_pair(const fsg_context* ctx, int32_t input_id, const int32_t* target_ids, int32_t rows,
                        float alpha)
{
    const int32_t dim = ctx->dim;
    float* input = ctx->input + input_id * ctx->stride;
    float* gradients = ctx->scratch;

    for (int32_t k = 0; k < rows; k++) {
        const float* output = ctx->output + target_ids[k] * ctx->stride;
        float f = 0.0f;
        for (int32_t j = 0; j < dim; j++) {
            f += input[j] * output[j];
        }

        gradients[k] = f;
    }

    float loss = fsg_gradients(ctx, gradients, gradients, rows, alpha);

    for (int32_t j = 0; j < dim; j++) {
        float input_value = input[j];
        float error = 0.0f;
        for (int32_t k = 0; k < rows; k++) {
            float* output = ctx->output + target_ids[k] * ctx->stride;
            error += gradients[k] * output[j];
            output[j] += gradients[k] * input_value;
        }

        input[j] = input_value + error;
    }

    return loss;
}

int32_t fsg_pairs_scalar(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count, const int32_t* targets,
                         int32_t negatives, float alpha, float* loss)
{
    /* Scratch: the M+1 dots, turned into gradients in place. */
    const int32_t rows = negatives + 1;
    if (rows > ctx->scratch_floats) {
        return FSG_ERROR_SCRATCH;
    }

    float sum = 0.0f;
    for (int64_t p = 0; p < pair_count; p++) {
        sum += train_pair(ctx, inputs[p], targets + p * rows, rows, alpha);
    }

    *loss = sum;
    return FSG_OK;
}

static float train_batch(const fsg_context* ctx, const int32_t* context_ids, int32_t count, const int32_t* target_ids,
                         int32_t rows, float alpha)
{
    const int32_t dim = ctx->dim;
    const int64_t gradient_stride = fsg_round_up(rows, 16);
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

int32_t fsg_batches_scalar(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                           int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha, float* loss)
{
    /* Scratch: the largest batch's B x round16(M+1) gradients, then B dC and M+1 dO. */
    const int32_t rows = negatives + 1;
    const int64_t largest = fsg_largest_batch(offsets, batch_count);
    if (largest * fsg_round_up(rows, 16) + largest + rows > ctx->scratch_floats) {
        return FSG_ERROR_SCRATCH;
    }

    float sum = 0.0f;
    for (int64_t b = 0; b < batch_count; b++) {
        sum += train_batch(ctx, contexts + offsets[b], offsets[b + 1] - offsets[b], targets + b * rows, rows, alpha);
    }

    *loss = sum;
    return FSG_OK;
}

/* One part of a hidden-vector example: the managed ScalarKernel.TrainPart. */
static float hidden_part(const fsg_context* ctx, float* matrix, const float* hidden, float* gradient,
                         float* gradients, const int32_t* ids, const float* labels, int32_t rows, float alpha,
                         int32_t skip_saturated, int32_t skip_repeats)
{
    const int32_t dim = ctx->dim;
    for (int32_t k = 0; k < rows; k++) {
        const float* output = matrix + ids[k] * ctx->stride;
        float f = 0.0f;
        for (int32_t j = 0; j < dim; j++) {
            f += hidden[j] * output[j];
        }

        gradients[k] = f;
    }

    float loss = fsg_label_gradients(ctx, gradients, labels, gradients, rows, alpha, skip_saturated);
    if (skip_repeats) {
        fsg_skip_repeats(ids, gradients, rows);
    }

    for (int32_t j = 0; j < dim; j++) {
        float h = hidden[j];
        float error = gradient[j];
        for (int32_t k = 0; k < rows; k++) {
            float* output = matrix + ids[k] * ctx->stride;
            error += gradients[k] * output[j];
            output[j] += gradients[k] * h;
        }

        gradient[j] = error;
    }

    return loss;
}

int32_t fsg_hidden_scalar(const fsg_context* ctx, const fsg_hidden_batch* batch, float alpha, float* loss)
{
    fsg_hidden_scratch scratch;
    const int32_t status = fsg_hidden_scratch_carve(ctx, batch, &scratch);
    if (status != FSG_OK) {
        return status;
    }

    /* The scalar path keeps each part's dots in its gradients, which the sigmoid step overwrites in place. */
    const int32_t dim = ctx->dim;
    const int32_t parts = batch->negatives + 1;
    const int32_t gensim = (batch->flags & FSG_HIDDEN_GENSIM_TARGETS) != 0;
    float sum = 0.0f;
    for (int64_t e = 0; e < batch->example_count; e++) {
        const int32_t* inputs = batch->inputs + batch->input_offsets[e];
        const int32_t count = batch->input_offsets[e + 1] - batch->input_offsets[e];
        const float* first = ctx->input + inputs[0] * ctx->stride;
        const float scale = 1.0f / (float)count;
        for (int32_t j = 0; j < dim; j++) {
            float h = first[j];
            for (int32_t i = 1; i < count; i++) {
                h += ctx->input[inputs[i] * ctx->stride + j];
            }

            scratch.hidden[j] = (batch->flags & FSG_HIDDEN_MEAN) ? h * scale : h;
            scratch.gradient[j] = 0.0f;
        }

        if (batch->node_offsets != NULL) {
            const int32_t from = batch->node_offsets[e];
            sum += hidden_part(ctx, batch->tree, scratch.hidden, scratch.gradient, scratch.gradients,
                               batch->nodes + from, batch->node_labels + from, batch->node_offsets[e + 1] - from,
                               alpha, 1, 0);
        }

        if (batch->targets != NULL) {
            sum += hidden_part(ctx, ctx->output, scratch.hidden, scratch.gradient, scratch.gradients,
                               batch->targets + e * parts, scratch.labels, parts, alpha, gensim, gensim);
        }

        for (int32_t i = 0; i < count; i++) {
            float* row = ctx->input + inputs[i] * ctx->stride;
            for (int32_t j = 0; j < dim; j++) {
                row[j] += scratch.gradient[j];
            }
        }
    }

    *loss = sum;
    return FSG_OK;
}
