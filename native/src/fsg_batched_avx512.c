/* fsg_train_batches, AVX-512F path (this file alone is compiled with -mavx512f): 16 lanes, masked tail. */
#include <immintrin.h>

#include "fsg_internal.h"

#define VEC __m512
#define LANES 16
#define MASK __mmask16
#define V_ZERO() _mm512_setzero_ps()
#define V_LOAD(p) _mm512_loadu_ps(p)
#define V_LOADM(p, m) _mm512_maskz_loadu_ps((m), (p))
#define V_STORE(p, v) _mm512_storeu_ps((p), (v))
#define V_STOREM(p, m, v) _mm512_mask_storeu_ps((p), (m), (v))
#define V_FMA(a, b, c) _mm512_fmadd_ps((a), (b), (c))
#define V_SET1(x) _mm512_set1_ps(x)
#define V_ADD(a, b) _mm512_add_ps((a), (b))
#define V_SUM(v) _mm512_reduce_add_ps(v)
#define V_TAIL(n) ((__mmask16)((1u << (n)) - 1u))
#define FSG_BATCHED_ENTRY fsg_train_batches_avx512

#include "fsg_batched_simd.h"
