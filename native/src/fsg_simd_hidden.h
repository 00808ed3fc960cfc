/*
 * fsg_train_hidden for one SIMD width: the one source of the SIMD CBOW / hierarchical-softmax algorithm, included
 * by fsg_simd_avx2.c and fsg_simd_avx512.c after fsg_simd_pairs.h (whose pair_dots it reuses). It is the managed
 * VectorKernel.TrainHidden step for step: the hidden vector summed chunk by chunk in the scalar order (and scaled),
 * each part's dots four rows per sweep, the labelled sigmoid step by gathers, the fused update in the scalar order,
 * the gradient added to every input row, and the next example's rows prefetched. h and e live in scratch padded
 * to 16 floats, so whole vectors may be loaded and stored there; rows are touched only up to dim.
 */

static void hidden_sum(const fsg_context* ctx, const int32_t* inputs, int32_t count, int32_t mean, float* hidden,
                       float* gradient)
{
    const int32_t dim = ctx->dim;
    const int32_t vector_end = dim / LANES * LANES;
    const VEC scale = V_SET1(1.0f / (float)count);
    const float* first = ctx->input + inputs[0] * ctx->stride;
    for (int32_t j = 0; j < vector_end; j += LANES) {
        VEC h = V_LOAD(first + j);
        for (int32_t i = 1; i < count; i++) {
            h = V_ADD(h, V_LOAD(ctx->input + inputs[i] * ctx->stride + j));
        }

        V_STORE(hidden + j, mean ? V_MUL(h, scale) : h);
        V_STORE(gradient + j, V_ZERO());
    }

    if (vector_end < dim) {
        const int32_t j = vector_end;
        const MASK tail = V_TAIL(dim - j);
        VEC h = V_LOADM(first + j, tail);
        for (int32_t i = 1; i < count; i++) {
            h = V_ADD(h, V_LOADM(ctx->input + inputs[i] * ctx->stride + j, tail));
        }

        V_STORE(hidden + j, mean ? V_MUL(h, scale) : h);
        V_STORE(gradient + j, V_ZERO());
    }
}

static void hidden_update(const float* hidden, float* gradient, float* const* outputs, const float* gradients,
                          int32_t rows, int32_t dim)
{
    const int32_t vector_end = dim / LANES * LANES;
    for (int32_t j = 0; j < vector_end; j += LANES) {
        const VEC h = V_LOAD(hidden + j);
        VEC error = V_LOAD(gradient + j);
        for (int32_t k = 0; k < rows; k++) {
            float* o = outputs[k] + j;
            const VEC g = V_SET1(gradients[k]);
            const VEC value = V_LOAD(o);
            error = V_ADD(error, V_MUL(g, value));
            V_STORE(o, V_ADD(value, V_MUL(g, h)));
        }

        V_STORE(gradient + j, error);
    }

    if (vector_end < dim) {
        const int32_t j = vector_end;
        const MASK tail = V_TAIL(dim - j);
        const VEC h = V_LOAD(hidden + j);
        VEC error = V_LOAD(gradient + j);
        for (int32_t k = 0; k < rows; k++) {
            float* o = outputs[k] + j;
            const VEC g = V_SET1(gradients[k]);
            const VEC value = V_LOADM(o, tail);
            error = V_ADD(error, V_MUL(g, value));
            V_STOREM(o, tail, V_ADD(value, V_MUL(g, h)));
        }

        V_STORE(gradient + j, error);
    }
}

static void hidden_add(float* row, const float* gradient, int32_t dim)
{
    const int32_t vector_end = dim / LANES * LANES;
    for (int32_t j = 0; j < vector_end; j += LANES) {
        V_STORE(row + j, V_ADD(V_LOAD(row + j), V_LOAD(gradient + j)));
    }

    if (vector_end < dim) {
        const MASK tail = V_TAIL(dim - vector_end);
        V_STOREM(row + vector_end, tail, V_ADD(V_LOADM(row + vector_end, tail), V_LOAD(gradient + vector_end)));
    }
}

static inline __attribute__((always_inline)) float hidden_part(const fsg_context* ctx, float* matrix,
                                                                const float* hidden, float* gradient, float* dots,
                                                                float* gradients, float** outputs, const int32_t* ids,
                                                                const float* labels, int32_t rows, float alpha,
                                                                int32_t skip_saturated, int32_t skip_repeats)
{
    if (rows == 0) {
        return 0.0f;
    }

    for (int32_t k = 0; k < rows; k++) {
        outputs[k] = matrix + ids[k] * ctx->stride;
    }

    pair_dots(hidden, outputs, dots, rows, ctx->dim);
    const float loss = gather_label_gradients(ctx, dots, labels, gradients, rows, alpha, skip_saturated);
    if (skip_repeats) {
        fsg_skip_repeats(ids, gradients, rows);
    }

    hidden_update(hidden, gradient, outputs, gradients, rows, ctx->dim);
    return loss;
}

static inline __attribute__((always_inline)) void prefetch_rows(const float* matrix, int64_t stride,
                                                                const int32_t* ids, int32_t count, int32_t dim)
{
    for (int32_t i = 0; i < count; i++) {
        prefetch_row(matrix + ids[i] * stride, dim);
    }
}

int32_t FSG_NAME(fsg_hidden)(const fsg_context* ctx, const fsg_hidden_batch* batch, float alpha, float* loss)
{
    fsg_hidden_scratch scratch;
    const int32_t status = fsg_hidden_scratch_carve(ctx, batch, &scratch);
    if (status != FSG_OK) {
        return status;
    }

    const int32_t dim = ctx->dim;
    float* hidden = scratch.hidden;
    float* gradient = scratch.gradient;
    float* dots = scratch.dots;
    float* gradients = scratch.gradients;
    float* labels = scratch.labels;
    float** outputs = scratch.outputs;
    const int32_t parts = batch->negatives + 1;
    const int32_t* offsets = batch->input_offsets;
    const int32_t* nodes = batch->node_offsets;
    const int32_t gensim = (batch->flags & FSG_HIDDEN_GENSIM_TARGETS) != 0;

    float sum = 0.0f;
    for (int64_t e = 0; e < batch->example_count; e++) {
        if (e + 1 < batch->example_count) {
            /* Only rows this example did not load: CBOW's window slides by one word; a path shares its top nodes. */
            prefetch_new_rows(ctx->input, ctx->stride, dim, batch->inputs + offsets[e], offsets[e + 1] - offsets[e],
                              batch->inputs + offsets[e + 1], offsets[e + 2] - offsets[e + 1]);
            if (nodes != NULL) {
                prefetch_new_path_nodes(batch->tree, ctx->stride, dim, batch->nodes + nodes[e], nodes[e + 1] - nodes[e],
                                        batch->nodes + nodes[e + 1], nodes[e + 2] - nodes[e + 1]);
            }

            if (batch->targets != NULL) {
                prefetch_rows(ctx->output, ctx->stride, batch->targets + (e + 1) * parts, parts, dim);
            }
        }

        const int32_t* inputs = batch->inputs + offsets[e];
        const int32_t count = offsets[e + 1] - offsets[e];
        hidden_sum(ctx, inputs, count, batch->flags & FSG_HIDDEN_MEAN, hidden, gradient);
        if (nodes != NULL) {
            sum += hidden_part(ctx, batch->tree, hidden, gradient, dots, gradients, outputs, batch->nodes + nodes[e],
                               batch->node_labels + nodes[e], nodes[e + 1] - nodes[e], alpha, 1, 0);
        }

        if (batch->targets != NULL) {
            sum += hidden_part(ctx, ctx->output, hidden, gradient, dots, gradients, outputs,
                               batch->targets + e * parts, labels, parts, alpha, gensim, gensim);
        }

        for (int32_t i = 0; i < count; i++) {
            hidden_add(ctx->input + inputs[i] * ctx->stride, gradient, dim);
        }
    }

    *loss = sum;
    return FSG_OK;
}
