/*
 * fastsgns_native: the SGNS inner loop of FastSgns as a C library, for comparison with the managed kernels.
 *
 * ABI (version FSG_ABI_VERSION): plain C, fixed-width types, pointer + length pairs, no ownership crosses the
 * boundary (the library never allocates, frees or keeps a caller's pointer after a call returns) and no global
 * state except the selected instruction-set path. The managed mirror is src/FastSgns.Core/Interop.
 */
#ifndef FASTSGNS_NATIVE_H
#define FASTSGNS_NATIVE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define FSG_API __declspec(dllexport)
#else
#define FSG_API __attribute__((visibility("default")))
#endif

/* Bumped whenever a signature or fsg_context changes; the managed side refuses a library of another version. */
#define FSG_ABI_VERSION 2

/* Instruction-set paths. One library carries all of them; each is compiled with its own ISA flags. */
#define FSG_PATH_AUTO (-1)
#define FSG_PATH_SCALAR 0
#define FSG_PATH_AVX2 1   /* AVX2 + FMA, 8 lanes, scalar tail */
#define FSG_PATH_AVX512 2 /* AVX-512F, 16 lanes, masked tail */

/*
 * Mirror of the managed FastSgns.Kernels.KernelContext: everything a training call touches. 80 bytes on LP64;
 * field order and types are part of the ABI.
 *
 * input, output  the input (syn0) and output (syn1neg) matrices; row r starts at matrix + r * stride floats.
 *                Their rows may be at any 4-byte alignment. They must not overlap each other.
 * stride         floats between rows, >= dim.
 * dim            floats per row used by training, >= 1.
 * sigmoid        table_size + 2 entries: entry 0 is sigma below -max_exp, entry table_size + 1 is sigma at or above
 *                max_exp, entry i + 1 is sigma at the left edge of bucket i (word2vec.c's expTable).
 * positive_loss  table_size + 2 entries, -log sigma per entry (label 1).
 * negative_loss  table_size + 2 entries, -log (1 - sigma) per entry (label 0).
 * table_size     number of buckets, >= 2.
 * max_exp        the table covers [-max_exp, max_exp).
 * table_scale    table_size / (2 max_exp), as the managed SigmoidTable computes it (not recomputed here, so every
 *                kernel picks the same bucket).
 * scratch        per-thread memory of at least round16(dim) + 4 round16(negatives + 1) floats, 64-byte aligned,
 *                where round16(x) rounds x up to a multiple of 16. Contents on entry are ignored. fsg_train_batches
 *                needs at least round16(B r + 2 (B + r) + 16 (B + r) + 16) floats, r = round16(negatives + 1) and B
 *                the largest batch (the managed KernelContext.BatchedScratchFloats).
 */
typedef struct fsg_context {
    float* input;
    float* output;
    int64_t stride;
    int32_t dim;
    const float* sigmoid;
    const float* positive_loss;
    const float* negative_loss;
    int32_t table_size;
    float max_exp;
    float table_scale;
    float* scratch;
} fsg_context;

/* The ABI version this library was built with (FSG_ABI_VERSION). */
FSG_API int32_t fsg_abi_version(void);

/*
 * Trains pair_count skip-gram pairs in order; later pairs see the updates of earlier ones, as in word2vec.c.
 *
 * inputs    pair_count input-row ids.
 * targets   pair_count * (negatives + 1) output-row ids; pair p owns targets[p (M+1) .. p (M+1) + M], the first
 *           the positive (label 1), the rest negatives (label 0). Duplicates are allowed.
 * negatives M >= 0.
 * alpha     the learning rate.
 *
 * Per pair, exactly as the managed ScalarKernel: all M+1 dot products f_k = <in, out_k> against the unchanged
 * input row; entry_k = clamp(floor((f_k + max_exp) table_scale), -1, table_size) + 1 (a NaN bucket counts as 0, as
 * in .NET's saturating conversion); g_k = (label_k - sigmoid[entry_k]) alpha; loss += loss_table[entry_k] + 0 f_k.
 * Then for every dimension j, in order k = 0..M: e += g_k out_k[j]; out_k[j] += g_k in[j]; finally in[j] += e.
 *
 * Returns the summed loss; a NaN or infinite dot product makes it NaN, so the caller detects divergence without a
 * separate pass. Ids are not range-checked: every id must name a row of its matrix. pair_count <= 0 returns 0 and
 * touches nothing. Thread-safe for concurrent calls that use distinct scratch (Hogwild: rows may race, by design).
 * The scalar path matches the managed ScalarKernel bit for bit; the SIMD paths reassociate the dot products and
 * use fused multiply-adds, so they agree to float rounding.
 */
FSG_API float fsg_train_pairs(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                              const int32_t* targets, int32_t negatives, float alpha);

/*
 * Shared-negative mini-batched SGNS (pWord2Vec's scheme; the managed IBatchedSgnsKernel), batches in order.
 *
 * contexts     input-row ids; batch b owns contexts[offsets[b] .. offsets[b + 1] - 1] (B_b of them, may be 0).
 * offsets      batch_count + 1 non-decreasing entries.
 * targets      batch_count * (negatives + 1) output-row ids; batch b owns targets[b (M+1) .. b (M+1) + M], the
 *              first the positive (label 1) shared by all of the batch's contexts, the rest shared negatives.
 *
 * Per batch, from the rows as they were before it: F[i,k] = <C_i, O_k>; entry and g as in fsg_train_pairs;
 * loss += loss_table[entry] + 0 F[i,k]. Then per dimension j: dC_i = sum over k = 0..M of g[i,k] O_k[j] and
 * dO_k = sum over i of g[i,k] C_i[j], each accumulated in index order with fused multiply-adds from 0; then
 * C_i[j] += dC_i in order i, O_k[j] += dO_k in order k (a repeated row receives every delta). Duplicates allowed.
 * batch_count <= 0 returns 0 and touches nothing. The scalar path matches the managed ScalarKernel bit for bit
 * (it calls fmaf); the SIMD paths sum the dot products in another order, and given the same g their updates are
 * bit-identical.
 */
FSG_API float fsg_train_batches(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                                int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha);

/* Whether this CPU (and OS, for the AVX register state) can run a path: 1 or 0. Unknown paths give 0. */
FSG_API int32_t fsg_path_supported(int32_t path);

/*
 * Selects the path fsg_train_pairs uses: FSG_PATH_AUTO picks the widest supported one (the default). Returns the
 * path now active, or -1 (and changes nothing) when the path is unknown or unsupported. Meant for tests and
 * benchmarks; not to be called while another thread trains.
 */
FSG_API int32_t fsg_set_path(int32_t path);

/* The path fsg_train_pairs uses now (FSG_PATH_SCALAR, FSG_PATH_AVX2 or FSG_PATH_AVX512). */
FSG_API int32_t fsg_get_path(void);

#ifdef __cplusplus
}
#endif

#endif /* FASTSGNS_NATIVE_H */
