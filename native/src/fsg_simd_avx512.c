/*
 * The AVX-512F path (this file alone is compiled with -mavx512f -mavx2 -mfma): the SIMD templates instantiated
 * with 16-float vectors. Tails use k-masked loads and stores, which neither read, write nor fault past the row.
 * The sigmoid step gathers with AVX2, as the managed kernel does (one 8-lane gather covers M + 1 <= 8 rows).
 */
#include <immintrin.h>

#include "fsg_internal.h"

/* The first n lanes (all of them when n >= 16). */
static inline __mmask16 fsg_tail16(int32_t n)
{
    return n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1u);
}

/* x and y's lanes picked by low and by high (two-source permutes), added: one level of store_sums' tree. */
static inline __m512 pair_sums(__m512 x, __m512 y, __m512i low, __m512i high)
{
    return _mm512_add_ps(_mm512_permutex2var_ps(x, low, y), _mm512_permutex2var_ps(x, high, y));
}

/*
 * first[0..3] = the sums of a0..a3 and, when both, second[0..3] = those of b0..b3: a dot tile's eight sums by a tree
 * of permutes and adds (16 lanes, then 8, 4, 2, 1) instead of eight horizontal sums of a dozen instructions each,
 * as the managed StoreSums does at this width.
 */
static inline void store_sums(__m512 a0, __m512 a1, __m512 a2, __m512 a3, __m512 b0, __m512 b1, __m512 b2, __m512 b3,
                              float* first, float* second, int both)
{
    const __m512i low8 = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
    const __m512i high8 = _mm512_setr_epi32(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
    const __m512i low4 = _mm512_setr_epi32(0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
    const __m512i high4 = _mm512_setr_epi32(4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
    const __m512i low2 = _mm512_setr_epi32(0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29);
    const __m512i high2 = _mm512_setr_epi32(2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23, 26, 27, 30, 31);
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 0, 2, 4, 6, 8, 10, 12, 14);
    const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 1, 3, 5, 7, 9, 11, 13, 15);
    __m512 a = pair_sums(pair_sums(a0, a1, low8, high8), pair_sums(a2, a3, low8, high8), low4, high4);
    __m512 b = pair_sums(pair_sums(b0, b1, low8, high8), pair_sums(b2, b3, low8, high8), low4, high4);
    __m512 ab = pair_sums(a, b, low2, high2);
    __m256 sums = _mm512_castps512_ps256(_mm512_add_ps(_mm512_permutexvar_ps(even, ab), _mm512_permutexvar_ps(odd, ab)));
    _mm_storeu_ps(first, _mm256_castps256_ps128(sums));
    if (both) {
        _mm_storeu_ps(second, _mm256_extractf128_ps(sums, 1));
    }
}

#define FSG_ISA avx512
#define VEC __m512
#define LANES 16
#define MASK __mmask16
#define V_ZERO() _mm512_setzero_ps()
#define V_LOAD(p) _mm512_loadu_ps(p)
#define V_LOADM(p, m) _mm512_maskz_loadu_ps((m), (p))
#define V_STORE(p, v) _mm512_storeu_ps((p), (v))
#define V_STOREM(p, m, v) _mm512_mask_storeu_ps((p), (m), (v))
#define V_FMA(a, b, c) _mm512_fmadd_ps((a), (b), (c))
#define V_MUL(a, b) _mm512_mul_ps((a), (b))
#define V_ADD(a, b) _mm512_add_ps((a), (b))
#define V_SET1(x) _mm512_set1_ps(x)
#define V_SUM(v) _mm512_reduce_add_ps(v)
#define V_TAIL(n) fsg_tail16(n)

#include "fsg_simd_common.h"
#include "fsg_simd_pairs.h"
#include "fsg_simd_batched.h"
#include "fsg_simd_labeled.h"
#include "fsg_simd_hidden.h"
