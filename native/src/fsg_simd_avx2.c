/*
 * The AVX2 + FMA path (this file alone is compiled with -mavx2 -mfma): the SIMD templates instantiated with
 * 8-float vectors. Tails use vmaskmovps loads and stores, which neither read, write nor fault past the row: the
 * same strategy as the AVX-512 path's k-masks.
 */
#include <immintrin.h>

#include "fsg_internal.h"

/* All bits set in the first n lanes (all of them when n >= 8). */
static inline __m256i fsg_tail8(int32_t n)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/* The sums of a0..a3 by the horizontal-add tree: two levels within the 128-bit lanes, then the lanes added. */
static inline __m128 sum4(__m256 a0, __m256 a1, __m256 a2, __m256 a3)
{
    __m256 sums = _mm256_hadd_ps(_mm256_hadd_ps(a0, a1), _mm256_hadd_ps(a2, a3));
    return _mm_add_ps(_mm256_castps256_ps128(sums), _mm256_extractf128_ps(sums, 1));
}

/* first[0..3] = the sums of a0..a3 and, when both, second[0..3] = those of b0..b3, as the managed StoreSums does. */
static inline void store_sums(__m256 a0, __m256 a1, __m256 a2, __m256 a3, __m256 b0, __m256 b1, __m256 b2, __m256 b3,
                              float* first, float* second, int both)
{
    _mm_storeu_ps(first, sum4(a0, a1, a2, a3));
    if (both) {
        _mm_storeu_ps(second, sum4(b0, b1, b2, b3));
    }
}

#define FSG_ISA avx2
#define VEC __m256
#define LANES 8
#define MASK __m256i
#define V_ZERO() _mm256_setzero_ps()
#define V_LOAD(p) _mm256_loadu_ps(p)
#define V_LOADM(p, m) _mm256_maskload_ps((p), (m))
#define V_STORE(p, v) _mm256_storeu_ps((p), (v))
#define V_STOREM(p, m, v) _mm256_maskstore_ps((p), (m), (v))
#define V_FMA(a, b, c) _mm256_fmadd_ps((a), (b), (c))
#define V_MUL(a, b) _mm256_mul_ps((a), (b))
#define V_ADD(a, b) _mm256_add_ps((a), (b))
#define V_SET1(x) _mm256_set1_ps(x)
#define V_SUM(v) sum_256(v) /* fsg_simd_common.h */
#define V_TAIL(n) fsg_tail8(n)

#include "fsg_simd_common.h"
#include "fsg_simd_pairs.h"
#include "fsg_simd_batched.h"
#include "fsg_simd_labeled.h"
#include "fsg_simd_hidden.h"
