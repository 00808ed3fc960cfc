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
