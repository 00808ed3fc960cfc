/*
 * The portable path: the managed ScalarKernel line for line (word2vec.c's inner loop), compiled with
 * -ffp-contract=off so that every product and sum is rounded as C# rounds it and the results match bit for bit.
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

float fsg_train_pairs_scalar(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                             const int32_t* targets, int32_t negatives, float alpha)
{
    const int32_t rows = negatives + 1;
    float loss = 0.0f;
    for (int64_t p = 0; p < pair_count; p++) {
        loss += train_pair(ctx, inputs[p], targets + p * rows, rows, alpha);
    }

    return loss;
}
