/*
 * The exported functions: ABI version, CPU support, and one training entry point per path and mode. Each entry
 * point checks its arguments and that this CPU runs its path, then calls that path's implementation. This file is
 * compiled for the baseline ISA, so the library loads, and refuses an unsupported path cleanly, on any x86-64 CPU.
 * It holds no state: the caller picks the path by the function it calls.
 */
#include <stddef.h>

#include "fsg_internal.h"

_Static_assert(sizeof(void*) != 8 || sizeof(fsg_context) == 88, "fsg_context is part of the ABI");
_Static_assert(sizeof(void*) != 8 || offsetof(fsg_context, sigmoid) == 32, "fsg_context is part of the ABI");
_Static_assert(sizeof(void*) != 8 || offsetof(fsg_context, scratch) == 72, "fsg_context is part of the ABI");
_Static_assert(sizeof(void*) != 8 || offsetof(fsg_context, scratch_floats) == 80, "fsg_context is part of the ABI");
_Static_assert(sizeof(void*) != 8 || sizeof(fsg_hidden_batch) == 72, "fsg_hidden_batch is part of the ABI");
_Static_assert(sizeof(void*) != 8 || offsetof(fsg_hidden_batch, example_count) == 56, "fsg_hidden_batch is part of the ABI");

FSG_API int32_t fsg_abi_version(void)
{
    return FSG_ABI_VERSION;
}

FSG_API int32_t fsg_cpu_supports(int32_t path)
{
    __builtin_cpu_init();
    switch (path) {
    case FSG_PATH_SCALAR:
        return 1;
    case FSG_PATH_AVX2:
        /* libgcc also checks (XGETBV) that the OS saves the YMM state. */
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case FSG_PATH_AVX512:
        /* ... and the ZMM and opmask state. The sigmoid step gathers with AVX2. */
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    default:
        return 0;
    }
}

/* The checks every entry point shares; FSG_OK means "go on". An empty call succeeds with loss 0. */
static int32_t check(int32_t path, const fsg_context* ctx, int64_t count, int32_t negatives, float* loss)
{
    if (ctx == NULL || loss == NULL || negatives < 0) {
        return FSG_ERROR_ARGUMENT;
    }

    if (!fsg_cpu_supports(path)) {
        return FSG_ERROR_UNSUPPORTED;
    }

    *loss = 0.0f;
    return count > 0 ? FSG_OK : -1;
}

#define FSG_EXPORT_PATH(isa, path)                                                                              \
    FSG_API int32_t fsg_train_pairs_##isa(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,    \
                                          const int32_t* targets, int32_t negatives, float alpha, float* loss)   \
    {                                                                                                           \
        int32_t status = check(path, ctx, pair_count, negatives, loss);                                         \
        return status == FSG_OK ? fsg_pairs_##isa(ctx, inputs, pair_count, targets, negatives, alpha, loss)    \
                                : status < 0 ? FSG_OK : status;                                                  \
    }                                                                                                           \
                                                                                                                \
    FSG_API int32_t fsg_train_batches_##isa(const fsg_context* ctx, const int32_t* contexts,                   \
                                            const int32_t* offsets, int64_t batch_count,                       \
                                            const int32_t* targets, int32_t negatives, float alpha,            \
                                            float* loss)                                                        \
    {                                                                                                           \
        int32_t status = check(path, ctx, batch_count, negatives, loss);                                        \
        return status == FSG_OK                                                                                 \
                   ? fsg_batches_##isa(ctx, contexts, offsets, batch_count, targets, negatives, alpha, loss)   \
                   : status < 0 ? FSG_OK : status;                                                              \
    }                                                                                                           \
                                                                                                                \
    FSG_API int32_t fsg_train_labeled_batches_##isa(const fsg_context* ctx, const int32_t* contexts,           \
                                                    const int32_t* offsets, int64_t batch_count,               \
                                                    const int32_t* targets, const int32_t* target_offsets,     \
                                                    const float* labels, float alpha, float* loss)             \
    {                                                                                                           \
        int32_t status = check(path, ctx, batch_count, 0, loss);                                                \
        return status == FSG_OK ? fsg_labeled_batches_##isa(ctx, contexts, offsets, batch_count, targets,      \
                                                            target_offsets, labels, alpha, loss)               \
                                : status < 0 ? FSG_OK : status;                                                  \
    }                                                                                                           \
                                                                                                                \
    FSG_API int32_t fsg_train_hidden_##isa(const fsg_context* ctx, const fsg_hidden_batch* batch, float alpha,  \
                                           float* loss)                                                         \
    {                                                                                                           \
        if (batch == NULL) {                                                                                    \
            return FSG_ERROR_ARGUMENT;                                                                          \
        }                                                                                                       \
                                                                                                                \
        int32_t status = check(path, ctx, batch->example_count, batch->negatives, loss);                        \
        return status == FSG_OK ? fsg_hidden_##isa(ctx, batch, alpha, loss) : status < 0 ? FSG_OK : status;    \
    }

FSG_EXPORT_PATH(scalar, FSG_PATH_SCALAR)
FSG_EXPORT_PATH(avx2, FSG_PATH_AVX2)
FSG_EXPORT_PATH(avx512, FSG_PATH_AVX512)
