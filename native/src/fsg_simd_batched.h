/*
 * fsg_train_batches for one SIMD width: the one source of the SIMD batched algorithm, included by fsg_simd_avx2.c
 * and fsg_simd_avx512.c after fsg_simd_common.h. It is the managed VectorKernel.TrainBatches (on Avx512Ops /
 * Avx2Ops), step for step:
 *
 * Dots: tiles of 2 contexts x 4 targets, eight accumulators, so each loaded chunk feeds two or four FMAs; a tile's
 * eight sums come from one tree of shuffles (store_sums, per ISA), not eight horizontal sums. Sigmoid
 * step by gathers (gather_gradients). Update: one pass over the dimensions; per chunk and tile of 4 targets, the
 * targets' pre-batch chunks and their 4 dO accumulators stay in registers while the contexts stream by (dC kept in
 * scratch across tiles); then every dC and dO is added with a reload, so repeated rows receive every delta. The
 * last one or two targets get two-wide tiles (M+1 = 6 is 4 + 2, no wasted slot). Short tiles repeat the last row,
 * with gradient 0 in the update, which keeps the update bit-identical to the scalar path for the same gradients.
 * The next batch's rows (their first 512 floats) are prefetched while this one trains.
 */

static void batch_dots(float* const* inputs, float* const* outputs, float* dots, int64_t stride, int32_t count,
                       int32_t rows, int32_t dim)
{
    const int32_t vector_end = dim / LANES * LANES;
    const MASK tail = V_TAIL(dim - vector_end);
    int32_t k = 0;
    for (; k < rows - 2; k += 4) {
        const float* o0 = outputs[k];
        const float* o1 = outputs[min_i32(k + 1, rows - 1)];
        const float* o2 = outputs[min_i32(k + 2, rows - 1)];
        const float* o3 = outputs[min_i32(k + 3, rows - 1)];
        for (int32_t i = 0; i < count; i += 2) {
            const float* x0 = inputs[i];
            const float* x1 = inputs[min_i32(i + 1, count - 1)];
            VEC a0 = V_ZERO(), a1 = V_ZERO(), a2 = V_ZERO(), a3 = V_ZERO();
            VEC b0 = V_ZERO(), b1 = V_ZERO(), b2 = V_ZERO(), b3 = V_ZERO();
            for (int32_t j = 0; j < vector_end; j += LANES) {
                VEC x = V_LOAD(x0 + j), y = V_LOAD(x1 + j), p = V_LOAD(o0 + j);
                a0 = V_FMA(x, p, a0);
                b0 = V_FMA(y, p, b0);
                p = V_LOAD(o1 + j);
                a1 = V_FMA(x, p, a1);
                b1 = V_FMA(y, p, b1);
                p = V_LOAD(o2 + j);
                a2 = V_FMA(x, p, a2);
                b2 = V_FMA(y, p, b2);
                p = V_LOAD(o3 + j);
                a3 = V_FMA(x, p, a3);
                b3 = V_FMA(y, p, b3);
            }

            if (vector_end < dim) {
                const int32_t j = vector_end;
                VEC x = V_LOADM(x0 + j, tail), y = V_LOADM(x1 + j, tail), p = V_LOADM(o0 + j, tail);
                a0 = V_FMA(x, p, a0);
                b0 = V_FMA(y, p, b0);
                p = V_LOADM(o1 + j, tail);
                a1 = V_FMA(x, p, a1);
                b1 = V_FMA(y, p, b1);
                p = V_LOADM(o2 + j, tail);
                a2 = V_FMA(x, p, a2);
                b2 = V_FMA(y, p, b2);
                p = V_LOADM(o3 + j, tail);
                a3 = V_FMA(x, p, a3);
                b3 = V_FMA(y, p, b3);
            }

            /* Slots past rows land in the row's padding (stride >= round4(rows)); a repeated context is dropped. */
            float* d = dots + i * stride + k;
            store_sums(a0, a1, a2, a3, b0, b1, b2, b3, d, d + stride, i + 1 < count);
        }
    }

    if (k < rows) {
        /* The last one or two targets (o1 repeats o0 for one): 2 contexts x 2 targets, so M+1 = 6 wastes no slot. */
        const float* o0 = outputs[k];
        const float* o1 = outputs[rows - 1];
        for (int32_t i = 0; i < count; i += 2) {
            const float* x0 = inputs[i];
            const float* x1 = inputs[min_i32(i + 1, count - 1)];
            VEC a0 = V_ZERO(), a1 = V_ZERO(), b0 = V_ZERO(), b1 = V_ZERO();
            for (int32_t j = 0; j < vector_end; j += LANES) {
                VEC x = V_LOAD(x0 + j), y = V_LOAD(x1 + j), p = V_LOAD(o0 + j), q = V_LOAD(o1 + j);
                a0 = V_FMA(x, p, a0);
                b0 = V_FMA(y, p, b0);
                a1 = V_FMA(x, q, a1);
                b1 = V_FMA(y, q, b1);
            }

            if (vector_end < dim) {
                const int32_t j = vector_end;
                VEC x = V_LOADM(x0 + j, tail), y = V_LOADM(x1 + j, tail);
                VEC p = V_LOADM(o0 + j, tail), q = V_LOADM(o1 + j, tail);
                a0 = V_FMA(x, p, a0);
                b0 = V_FMA(y, p, b0);
                a1 = V_FMA(x, q, a1);
                b1 = V_FMA(y, q, b1);
            }

            float* d = dots + i * stride + k;
            d[0] = V_SUM(a0);
            d[1] = V_SUM(a1);
            if (i + 1 < count) {
                d[stride] = V_SUM(b0);
                d[stride + 1] = V_SUM(b1);
            }
        }
    }
}

/* rows[r][j .. j+LANES) += deltas[r*LANES ..] for r < count (the first `tail` lanes when is_tail): the managed AddDeltas. */
static inline __attribute__((always_inline)) void add_deltas(float* const* rows, int32_t count, const float* deltas,
                                                             int32_t j, MASK tail, int is_tail)
{
    for (int32_t r = 0; r < count; r++) {
        float* row = rows[r] + j;
        const float* delta = deltas + (int64_t)r * LANES;
        if (is_tail) {
            V_STOREM(row, tail, V_ADD(V_LOADM(row, tail), V_LOAD(delta)));
        } else {
            V_STORE(row, V_ADD(V_LOAD(row), V_LOAD(delta)));
        }
    }
}

/* A row chunk at p: the first `tail` lanes alone when is_tail (a constant wherever these are expanded). */
#define LOAD_ROW(p) (is_tail ? V_LOADM((p), tail) : V_LOAD(p))
#define STORE_ROW(p, v)                                                                                            \
    do {                                                                                                           \
        if (is_tail) {                                                                                             \
            V_STOREM((p), tail, (v));                                                                              \
        } else {                                                                                                   \
            V_STORE((p), (v));                                                                                     \
        }                                                                                                          \
    } while (0)

/*
 * Targets k..k+3 of one chunk (k, k+1 alone when `four` is 0: the last one or two targets, a lone one paired with
 * itself under gradient 0 and stored once in place): update_chunk's tile. Always inlined with constant flags, so the
 * two-wide copy carries none of the four-wide one's loads, FMAs or stores.
 */
static inline __attribute__((always_inline)) void update_tile(float* const* inputs, float* const* outputs,
                                                              const float* gradients, int64_t stride, int32_t count,
                                                              int32_t rows, int32_t j, int32_t k, MASK tail,
                                                              int is_tail, float* delta_input, float* delta_output,
                                                              int in_place, int four)
{
    int32_t last = rows - 1;
    VEC p0 = LOAD_ROW(outputs[k] + j);
    VEC p1 = LOAD_ROW(outputs[min_i32(k + 1, last)] + j);
    VEC p2 = four ? LOAD_ROW(outputs[min_i32(k + 2, last)] + j) : V_ZERO();
    VEC p3 = four ? LOAD_ROW(outputs[min_i32(k + 3, last)] + j) : V_ZERO();
    VEC d0 = V_ZERO(), d1 = V_ZERO(), d2 = V_ZERO(), d3 = V_ZERO();
    const float* g = gradients + k;
    float* e = delta_input;
    for (int32_t i = 0; i < count; i++, g += stride, e += LANES) {
        VEC g0 = V_SET1(g[0]), g1 = V_SET1(g[1]);
        VEC g2 = four ? V_SET1(g[2]) : V_ZERO(), g3 = four ? V_SET1(g[3]) : V_ZERO();
        VEC x = LOAD_ROW(inputs[i] + j);
        VEC error = V_LOAD(e);
        error = V_FMA(g0, p0, error);
        error = V_FMA(g1, p1, error);
        if (four) {
            error = V_FMA(g2, p2, error);
            error = V_FMA(g3, p3, error);
        }
        V_STORE(e, error);
        if (in_place) {
            p0 = V_FMA(g0, x, p0);
            p1 = V_FMA(g1, x, p1);
            if (four) {
                p2 = V_FMA(g2, x, p2);
                p3 = V_FMA(g3, x, p3);
            }
        } else {
            d0 = V_FMA(g0, x, d0);
            d1 = V_FMA(g1, x, d1);
            if (four) {
                d2 = V_FMA(g2, x, d2);
                d3 = V_FMA(g3, x, d3);
            }
        }
    }

    if (in_place) {
        /* Four-wide, k + 2 < rows always; only the last slot may repeat a row already stored. */
        STORE_ROW(outputs[k] + j, p0);
        if (k + 1 < rows) {
            STORE_ROW(outputs[k + 1] + j, p1);
        }
        if (four) {
            STORE_ROW(outputs[k + 2] + j, p2);
            if (k + 3 < rows) {
                STORE_ROW(outputs[k + 3] + j, p3);
            }
        }
        return;
    }

    float* o = delta_output + (int64_t)k * LANES;
    V_STORE(o, d0);
    V_STORE(o + LANES, d1);
    if (four) {
        V_STORE(o + 2 * LANES, d2);
        V_STORE(o + 3 * LANES, d3);
    }
}
#undef STORE_ROW
#undef LOAD_ROW

/*
 * One chunk of LANES dimensions at j; with is_tail, only the lanes in tail are read or written. Each context's dC
 * gets G.O from the tile's four targets, held in registers. With in_place 0 (the shared-negative batch) G.C goes to
 * four dO accumulators and every dO and dC is added at the end with a reload; with in_place 1 (the labelled batch,
 * word2vec.c's order) G.C moves the targets in registers context by context, they are stored back (a short tile's
 * repeated target once) and only dC is added at the end. Always inlined with constant flags, so no copy branches.
 */
static inline __attribute__((always_inline)) void update_chunk(float* const* inputs, float* const* outputs,
                                                               const float* gradients, int64_t stride, int32_t count,
                                                               int32_t rows, int32_t j, MASK tail, int is_tail,
                                                               float* delta_input, float* delta_output, int in_place)
{
    /* dC starts at zero, so every tile adds to it: no first-tile test inside the tiles' loops. */
    for (int32_t i = 0; i < count; i++) {
        V_STORE(delta_input + (int64_t)i * LANES, V_ZERO());
    }

    int32_t k = 0;
    for (; k < rows - 2; k += 4) {
        update_tile(inputs, outputs, gradients, stride, count, rows, j, k, tail, is_tail, delta_input, delta_output,
                    in_place, 1);
    }
    if (k < rows) {
        update_tile(inputs, outputs, gradients, stride, count, rows, j, k, tail, is_tail, delta_input, delta_output,
                    in_place, 0);
    }

    add_deltas(inputs, count, delta_input, j, tail, is_tail);
    if (!in_place) {
        add_deltas(outputs, rows, delta_output, j, tail, is_tail);
    }
}

/*
 * Starts loading a batch's rows (their first 512 floats) into the cache. Always inlined: GCC finds an out-of-line
 * function that only prefetches free of side effects (IPA pure-const) and deletes every call to it, which is how
 * this library used to run without a single prefetch instruction.
 */
static inline __attribute__((always_inline)) void prefetch_batch(const fsg_context* ctx, const int32_t* context_ids,
                                                                 int32_t count, const int32_t* target_ids, int32_t rows)
{
    const int32_t floats = min_i32(ctx->dim, 512);
    for (int32_t i = 0; i < count; i++) {
        prefetch_row(ctx->input + context_ids[i] * ctx->stride, floats);
    }

    for (int32_t k = 0; k < rows; k++) {
        prefetch_row(ctx->output + target_ids[k] * ctx->stride, floats);
    }
}

/* Floats of scratch a batch of `count` contexts uses (the layout train_batch carves). */
static int64_t batch_scratch_floats(int32_t count, int32_t rows)
{
    return count * fsg_round_up(rows, 16) + fsg_round_up(fsg_pointer_floats((int64_t)count + rows), 16) +
           (int64_t)LANES * (count + fsg_round_up(rows, 4));
}

static float train_batch(const fsg_context* ctx, const int32_t* context_ids, int32_t count, const int32_t* target_ids,
                         int32_t rows, float alpha)
{
    /* Scratch: dots, then gradients in place [count x round16(rows)], row pointers, dC [count], dO [round4(rows)]. */
    const int64_t gradient_stride = fsg_round_up(rows, 16);
    float* gradients = ctx->scratch;
    float** inputs = (float**)(gradients + count * gradient_stride);
    float** outputs = inputs + count;
    float* delta_input =
        gradients + count * gradient_stride + fsg_round_up(fsg_pointer_floats((int64_t)count + rows), 16);
    float* delta_output = delta_input + (int64_t)count * LANES;
    for (int32_t i = 0; i < count; i++) {
        inputs[i] = ctx->input + context_ids[i] * ctx->stride;
    }

    for (int32_t k = 0; k < rows; k++) {
        outputs[k] = ctx->output + target_ids[k] * ctx->stride;
    }

    const int32_t dim = ctx->dim;
    batch_dots(inputs, outputs, gradients, gradient_stride, count, rows, dim);
    float loss = 0.0f;
    const int32_t padded = (rows + 3) / 4 * 4;
    for (int32_t i = 0; i < count; i++) {
        float* row = gradients + i * gradient_stride;
        loss += gather_gradients(ctx, row, row, rows, alpha);
        for (int32_t k = rows; k < padded; k++) {
            row[k] = 0.0f;
        }
    }

    const int32_t vector_end = dim / LANES * LANES;
    for (int32_t j = 0; j < vector_end; j += LANES) {
        update_chunk(inputs, outputs, gradients, gradient_stride, count, rows, j, V_TAIL(LANES), 0, delta_input,
                     delta_output, 0);
    }

    if (vector_end < dim) {
        update_chunk(inputs, outputs, gradients, gradient_stride, count, rows, vector_end, V_TAIL(dim - vector_end), 1,
                     delta_input, delta_output, 0);
    }

    return loss;
}

int32_t FSG_NAME(fsg_batches)(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                              int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha, float* loss)
{
    const int32_t rows = negatives + 1;
    if (batch_scratch_floats(fsg_largest_batch(offsets, batch_count), rows) > ctx->scratch_floats) {
        return FSG_ERROR_SCRATCH;
    }

    float sum = 0.0f;
    for (int64_t b = 0; b < batch_count; b++) {
        if (b + 1 < batch_count) {
            prefetch_batch(ctx, contexts + offsets[b + 1], offsets[b + 2] - offsets[b + 1], targets + (b + 1) * rows,
                           rows);
        }

        const int32_t count = offsets[b + 1] - offsets[b];
        if (count > 0) {
            sum += train_batch(ctx, contexts + offsets[b], count, targets + b * rows, rows, alpha);
        }
    }

    *loss = sum;
    return FSG_OK;
}
