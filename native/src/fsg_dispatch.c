/*
 * The exported functions: ABI version, path selection and the training entry point, which forwards to the path
 * chosen at first use (the widest this CPU supports) or forced by fsg_set_path. This file is compiled for the
 * baseline ISA, so the library loads and runs on any x86-64 CPU.
 */
#include <stdatomic.h>
#include <stddef.h>

#include "fsg_internal.h"

_Static_assert(sizeof(void*) != 8 || sizeof(fsg_context) == 80, "fsg_context is part of the ABI");
_Static_assert(sizeof(void*) != 8 || offsetof(fsg_context, sigmoid) == 32, "fsg_context is part of the ABI");
_Static_assert(sizeof(void*) != 8 || offsetof(fsg_context, scratch) == 72, "fsg_context is part of the ABI");

static const fsg_train_fn s_paths[] = {
    [FSG_PATH_SCALAR] = fsg_train_pairs_scalar,
    [FSG_PATH_AVX2] = fsg_train_pairs_avx2,
    [FSG_PATH_AVX512] = fsg_train_pairs_avx512,
};

static const fsg_batches_fn s_batched_paths[] = {
    [FSG_PATH_SCALAR] = fsg_train_batches_scalar,
    [FSG_PATH_AVX2] = fsg_train_batches_avx2,
    [FSG_PATH_AVX512] = fsg_train_batches_avx512,
};

/* FSG_PATH_AUTO until the first call resolves it; racing resolutions agree, so relaxed ordering suffices. */
static _Atomic int32_t s_path = FSG_PATH_AUTO;

FSG_API int32_t fsg_abi_version(void)
{
    return FSG_ABI_VERSION;
}

FSG_API int32_t fsg_path_supported(int32_t path)
{
    __builtin_cpu_init();
    switch (path) {
    case FSG_PATH_SCALAR:
        return 1;
    case FSG_PATH_AVX2:
        /* libgcc also checks (XGETBV) that the OS saves the YMM state. */
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case FSG_PATH_AVX512:
        /* ... and the ZMM and opmask state. */
        return __builtin_cpu_supports("avx512f");
    default:
        return 0;
    }
}

static int32_t best_path(void)
{
    return fsg_path_supported(FSG_PATH_AVX512) ? FSG_PATH_AVX512
           : fsg_path_supported(FSG_PATH_AVX2) ? FSG_PATH_AVX2
                                               : FSG_PATH_SCALAR;
}

FSG_API int32_t fsg_set_path(int32_t path)
{
    if (path == FSG_PATH_AUTO) {
        path = best_path();
    } else if (!fsg_path_supported(path)) {
        return -1;
    }

    atomic_store_explicit(&s_path, path, memory_order_relaxed);
    return path;
}

FSG_API int32_t fsg_get_path(void)
{
    int32_t path = atomic_load_explicit(&s_path, memory_order_relaxed);
    return path == FSG_PATH_AUTO ? fsg_set_path(FSG_PATH_AUTO) : path;
}

FSG_API float fsg_train_pairs(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                              const int32_t* targets, int32_t negatives, float alpha)
{
    if (pair_count <= 0) {
        return 0.0f;
    }

    return s_paths[fsg_get_path()](ctx, inputs, pair_count, targets, negatives, alpha);
}

FSG_API float fsg_train_batches(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                                int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha)
{
    if (batch_count <= 0) {
        return 0.0f;
    }

    return s_batched_paths[fsg_get_path()](ctx, contexts, offsets, batch_count, targets, negatives, alpha);
}
