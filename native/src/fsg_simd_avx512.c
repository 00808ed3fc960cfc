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
