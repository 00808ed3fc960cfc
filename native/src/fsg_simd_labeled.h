/*
 * fsg_labeled_batches for one SIMD width, included after fsg_simd_batched.h (whose batch_dots, update_chunk and
 * add_deltas it uses; the next batch's prefetch, of the rows this batch did not load, is fsg_simd_common.h's): the
 * managed VectorKernel.TrainLabeledBatches step for step. word2vec.c's order inside a
 * batch (context by context, each seeing the targets as the earlier ones left them) at the cost of one batch: the
 * B x T dots and the contexts' dots with each other in batch_dots' tiles; context i's dot with target k after
 * contexts 0..i-1 is F[i,k] + sum_{j<i} K[i,j] G[j,k], LANES targets at a time, before its sigmoid step. The update
 * keeps four targets' chunks in registers and adds each context's gradient to them as it streams by, so each
 * context's dC reads the targets it would have read in turn; then dC is added to every context with a reload.
 */

/* gram[i*stride + j] = inputs[i] . inputs[j] for j < i; the upper-triangle slots it also writes are never read. */
static void gram_dots(float* const* inputs, float* gram, int64_t stride, int32_t count, int32_t dim)
{
    for (int32_t j = 0; j < count - 1; j += 4) {
        batch_dots(inputs + j + 1, inputs + j, gram + (j + 1) * stride + j, stride, count - j - 1,
                   min_i32(4, count - 1 - j), dim);
    }
}

static float train_path_batch(const fsg_context* ctx, const int32_t* context_ids, int32_t count,
                              const int32_t* target_ids, const float* labels, int32_t rows, float alpha)
{
    const fsg_path_scratch s = fsg_path_scratch_carve(ctx, count, rows);
    const int64_t stride = s.gradient_stride;
    for (int32_t i = 0; i < count; i++) {
        s.inputs[i] = ctx->input + context_ids[i] * ctx->stride;
    }

    for (int32_t k = 0; k < rows; k++) {
        s.outputs[k] = ctx->output + target_ids[k] * ctx->stride;
    }

    const int32_t dim = ctx->dim;
    batch_dots(s.inputs, s.outputs, s.gradients, stride, count, rows, dim);
    gram_dots(s.inputs, s.gram, s.gram_stride, count, dim);
    float loss = 0.0f;
    const int32_t padded = (rows + LANES - 1) / LANES * LANES;
    for (int32_t i = 0; i < count; i++) {
        float* row = s.gradients + i * stride;
        const float* gram = s.gram + i * s.gram_stride;
        for (int32_t j = 0; j < i; j++) {
            /* F[i,.] += K[i,j] G[j,.] over the padded row (lanes past rows are never read as dots). */
            const VEC weight = V_SET1(gram[j]);
            const float* earlier = s.gradients + j * stride;
            for (int32_t k = 0; k < rows; k += LANES) {
                V_STORE(row + k, V_FMA(weight, V_LOAD(earlier + k), V_LOAD(row + k)));
            }
        }

        /* The tiles read gradients up to round4(rows) and the next rows' sums up to LANES: zeros there. */
        loss += gather_label_gradients(ctx, row, labels, row, rows, alpha, 1);
        for (int32_t k = rows; k < padded; k++) {
            row[k] = 0.0f;
        }
    }

    const int32_t vector_end = dim / LANES * LANES;
    for (int32_t j = 0; j < vector_end; j += LANES) {
        update_chunk(s.inputs, s.outputs, s.gradients, stride, count, rows, j, V_TAIL(LANES), 0, s.delta_input, NULL, 1);
    }

    if (vector_end < dim) {
        update_chunk(s.inputs, s.outputs, s.gradients, stride, count, rows, vector_end, V_TAIL(dim - vector_end), 1,
                     s.delta_input, NULL, 1);
    }

    return loss;
}

int32_t FSG_NAME(fsg_labeled_batches)(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                                      int64_t batch_count, const int32_t* targets, const int32_t* target_offsets,
                                      const float* labels, float alpha, float* loss)
{
#define PREFETCH_NEXT_BATCH(b)                                                                                     \
    do {                                                                                                           \
        if ((b) + 1 < batch_count) {                                                                               \
            prefetch_new_rows(ctx->input, ctx->stride, ctx->dim, contexts + offsets[b],                           \
                              offsets[(b) + 1] - offsets[b], contexts + offsets[(b) + 1],                          \
                              offsets[(b) + 2] - offsets[(b) + 1]);                                                \
            prefetch_new_path_nodes(ctx->output, ctx->stride, ctx->dim, targets + target_offsets[b],              \
                                    target_offsets[(b) + 1] - target_offsets[b], targets + target_offsets[(b) + 1], \
                                    target_offsets[(b) + 2] - target_offsets[(b) + 1]);                            \
        }                                                                                                          \
    } while (0)
    FSG_LABELED_BATCHES_BODY(train_path_batch, PREFETCH_NEXT_BATCH);
#undef PREFETCH_NEXT_BATCH
}
