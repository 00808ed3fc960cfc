/*
 * What both SIMD templates share, included by a path's file after it defines the width macros (see
 * fsg_simd_avx2.c): the entry-point naming, the sigmoid step by AVX2 gathers and the row prefetches. Everything
 * here is static inline, so each path compiles its own copy with its own flags.
 */
#ifndef FSG_ISA
#error "define FSG_ISA and the vector macros before including the SIMD templates"
#endif

#define FSG_CAT2(name, isa) name##_##isa
#define FSG_CAT(name, isa) FSG_CAT2(name, isa)
#define FSG_NAME(name) FSG_CAT(name, FSG_ISA)

static inline int32_t min_i32(int32_t a, int32_t b) { return a < b ? a : b; }

static inline float sum_256(__m256 v)
{
    __m128 half = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    half = _mm_add_ps(half, _mm_movehl_ps(half, half));
    half = _mm_add_ss(half, _mm_movehdup_ps(half));
    return _mm_cvtss_f32(half);
}

/*
 * The table entry of each lane's dot f, fsg_entry_of's bucket lane by lane: floor, clamp to [-1, size] (maxps/minps
 * keep a NaN, the ordered mask then zeroes it), truncate, plus one.
 */
static inline __m256i table_entries(__m256 f, __m256 max_exp, __m256 scale, __m256 size, __m256 minus_one)
{
    __m256 bucket = _mm256_floor_ps(_mm256_mul_ps(_mm256_add_ps(f, max_exp), scale));
    bucket = _mm256_min_ps(size, _mm256_max_ps(minus_one, bucket));
    bucket = _mm256_and_ps(bucket, _mm256_cmp_ps(bucket, bucket, _CMP_ORD_Q));
    return _mm256_add_epi32(_mm256_cvttps_epi32(bucket), _mm256_set1_epi32(1));
}

/*
 * The managed SigmoidGather.Gradients (its AVX2 step, which the AVX-512 kernel uses too): from `rows` dot products
 * (row 0 the positive) to gradients g_k = (label_k - sigma(f_k)) alpha and the summed loss, eight lanes per step
 * with gathers from the tables.
 * Reads no dot past `rows`; writes gradients up to the next multiple of 8 (entries from table_entries).
 */
static inline float gather_gradients(const fsg_context* ctx, const float* dots, float* gradients, int32_t rows,
                                     float alpha)
{
    const __m256 max_exp = _mm256_set1_ps(ctx->max_exp);
    const __m256 scale = _mm256_set1_ps(ctx->table_scale);
    const __m256 size = _mm256_set1_ps((float)ctx->table_size);
    const __m256 minus_one = _mm256_set1_ps(-1.0f);
    const __m256 alphas = _mm256_set1_ps(alpha);
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);

    /* Group 0 holds the positive: label 1 in lane 0, and its loss comes from the other table (added apart). */
    __m256 labels = _mm256_setr_ps(1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f);
    __m256 counted = _mm256_castsi256_ps(_mm256_cmpgt_epi32(lanes, _mm256_setzero_si256()));
    float loss = 0.0f;
    for (int32_t k = 0; k < rows; k += 8) {
        const __m256i valid = _mm256_cmpgt_epi32(_mm256_set1_epi32(rows - k), lanes);
        const __m256 f = _mm256_maskload_ps(dots + k, valid);
        const __m256i entries = table_entries(f, max_exp, scale, size, minus_one);
        const __m256 sigma = _mm256_i32gather_ps(ctx->sigmoid, entries, 4);
        const __m256 negative_loss = _mm256_i32gather_ps(ctx->negative_loss, entries, 4);
        _mm256_storeu_ps(gradients + k, _mm256_mul_ps(_mm256_sub_ps(labels, sigma), alphas));
        const __m256 zero_f = _mm256_mul_ps(_mm256_setzero_ps(), f);
        if (k == 0) {
            loss = ctx->positive_loss[_mm256_cvtsi256_si32(entries)] + _mm256_cvtss_f32(zero_f);
        }

        const __m256 counted_loss = _mm256_and_ps(_mm256_add_ps(negative_loss, zero_f), counted);
        loss += sum_256(_mm256_and_ps(counted_loss, _mm256_castsi256_ps(valid)));
        labels = _mm256_setzero_ps();
        counted = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
    }

    return loss;
}

/*
 * gather_gradients with a label per row (0 or 1), the managed SigmoidGather.LabelGradients: g_k = (label_k -
 * sigma(f_k)) alpha and the loss of label 1 or 0 per row, blended as label P + (1 - label) N (exact for 0 and 1).
 * With skip_saturated (hierarchical softmax; a constant at every call) a lane whose dot is not inside
 * (-max_exp, max_exp) gets gradient 0 by a mask (fsg_is_saturated's rule). Reads no dot or label past `rows`;
 * writes gradients up to the next multiple of 8.
 */
static inline __attribute__((always_inline)) float gather_label_gradients(const fsg_context* ctx, const float* dots,
                                                                           const float* labels, float* gradients,
                                                                           int32_t rows, float alpha,
                                                                           int32_t skip_saturated)
{
    const __m256 upper = _mm256_set1_ps(ctx->max_exp);
    const __m256 lower = _mm256_set1_ps(-ctx->max_exp);
    const __m256 max_exp = _mm256_set1_ps(ctx->max_exp);
    const __m256 scale = _mm256_set1_ps(ctx->table_scale);
    const __m256 size = _mm256_set1_ps((float)ctx->table_size);
    const __m256 minus_one = _mm256_set1_ps(-1.0f);
    const __m256 alphas = _mm256_set1_ps(alpha);
    const __m256 one = _mm256_set1_ps(1.0f);
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    float loss = 0.0f;
    for (int32_t k = 0; k < rows; k += 8) {
        const __m256i valid = _mm256_cmpgt_epi32(_mm256_set1_epi32(rows - k), lanes);
        const __m256 f = _mm256_maskload_ps(dots + k, valid);
        const __m256 label = _mm256_maskload_ps(labels + k, valid);
        const __m256i entries = table_entries(f, max_exp, scale, size, minus_one);
        const __m256 sigma = _mm256_i32gather_ps(ctx->sigmoid, entries, 4);
        const __m256 positive_loss = _mm256_i32gather_ps(ctx->positive_loss, entries, 4);
        const __m256 negative_loss = _mm256_i32gather_ps(ctx->negative_loss, entries, 4);
        __m256 gradient = _mm256_mul_ps(_mm256_sub_ps(label, sigma), alphas);
        if (skip_saturated) {
            const __m256 inside = _mm256_and_ps(_mm256_cmp_ps(lower, f, _CMP_LT_OQ), _mm256_cmp_ps(f, upper, _CMP_LT_OQ));
            gradient = _mm256_and_ps(gradient, inside);
        }

        _mm256_storeu_ps(gradients + k, gradient);
        const __m256 row_loss = _mm256_add_ps(_mm256_mul_ps(label, positive_loss),
                                              _mm256_mul_ps(_mm256_sub_ps(one, label), negative_loss));
        const __m256 zero_f = _mm256_mul_ps(_mm256_setzero_ps(), f);
        loss += sum_256(_mm256_and_ps(_mm256_add_ps(row_loss, zero_f), _mm256_castsi256_ps(valid)));
    }

    return loss;
}

/*
 * Starts loading `floats` floats of a row (one prefetch per 64-byte line), as the managed RowPrefetch does. Always
 * inlined, as is every caller: see prefetch_batch in fsg_simd_batched.h for why.
 */
static inline __attribute__((always_inline)) void prefetch_row(const float* row, int32_t floats)
{
    for (int32_t f = 0; f < floats; f += 16) {
        _mm_prefetch((const char*)(row + f), _MM_HINT_T0);
    }
}

/*
 * The managed RowPrefetch.NewRows: the rows `next` of `matrix` that are not among `current` (loaded for the current
 * example already; a window sliding by one word changes mostly one context row).
 */
static inline __attribute__((always_inline)) void prefetch_new_rows(const float* matrix, int64_t stride, int32_t dim,
                                                                    const int32_t* current, int32_t count,
                                                                    const int32_t* next, int32_t next_count)
{
    for (int32_t n = 0; n < next_count; n++) {
        int32_t cached = 0;
        for (int32_t i = 0; i < count; i++) {
            cached |= current[i] == next[n];
        }

        if (!cached) {
            prefetch_row(matrix + next[n] * stride, dim);
        }
    }
}

/* The tree's top levels (2^FSG_HOT_LEVELS - 1 inner nodes), on nearly every path, so always cached. */
#define FSG_HOT_LEVELS 3

/*
 * The managed RowPrefetch.NewPathNodes: the next Huffman path's nodes (root first) below the top FSG_HOT_LEVELS
 * levels that differ from the current path's at the same depth.
 */
static inline __attribute__((always_inline)) void prefetch_new_path_nodes(const float* matrix, int64_t stride,
                                                                          int32_t dim, const int32_t* current,
                                                                          int32_t rows, const int32_t* next,
                                                                          int32_t next_rows)
{
    for (int32_t k = FSG_HOT_LEVELS; k < next_rows; k++) {
        if (k >= rows || current[k] != next[k]) {
            prefetch_row(matrix + next[k] * stride, dim);
        }
    }
}
