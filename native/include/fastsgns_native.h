/*
 * fastsgns_native: the SGNS inner loop of FastSgns as a C library, a yardstick for the managed kernels.
 *
 * ABI (version FSG_ABI_VERSION): plain C, fixed-width types, pointer + length pairs, no ownership crosses the
 * boundary (the library never allocates, frees or keeps a caller's pointer after a call returns) and no mutable
 * global state: the caller picks an instruction-set path by the function it calls (fsg_train_pairs_avx512, ...),
 * after asking fsg_cpu_supports. The managed mirror is src/FastSgns.Core/Interop.
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
#define FSG_ABI_VERSION 5

/* Instruction-set paths, for fsg_cpu_supports. One library carries all of them, each compiled with its own flags. */
#define FSG_PATH_SCALAR 0
#define FSG_PATH_AVX2 1   /* AVX2 + FMA, 8 lanes */
#define FSG_PATH_AVX512 2 /* AVX-512F, 16 lanes */

/* What every training function returns. On an error nothing was read or written beyond the arguments' headers. */
#define FSG_OK 0
#define FSG_ERROR_SCRATCH 1     /* ctx->scratch_floats is below what this call needs */
#define FSG_ERROR_UNSUPPORTED 2 /* this CPU cannot run the function's path (check fsg_cpu_supports first) */
#define FSG_ERROR_ARGUMENT 3    /* negatives < 0, or a null context or loss pointer */

/*
 * Mirror of the managed FastSgns.Kernels.KernelContext: everything a training call touches. 88 bytes on LP64;
 * field order and types are part of the ABI (src/FastSgns.Core/Interop/NativeContext.cs, pinned by a test).
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
 * scratch        per-thread memory, 64-byte aligned, owned by the caller for the call; contents on entry ignored.
 * scratch_floats how many floats scratch holds.
 *
 * The scratch contract: the caller sizes scratch, and only the caller (one place: the managed PairScratch.Floats
 * for fsg_train_pairs_*, BatchScratch.Floats with the largest batch for fsg_train_batches_*, PathBatchScratch.Floats
 * for fsg_train_labeled_batches_*, HiddenScratch.Floats for fsg_train_hidden_*), and passes its length
 * in scratch_floats. This library carves its scratch layout from what the call needs and, before touching
 * anything, returns FSG_ERROR_SCRATCH if that exceeds scratch_floats; so a layout that outgrows the managed sizing
 * fails loudly in every test instead of writing past the buffer.
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
    int64_t scratch_floats;
} fsg_context;

/* The ABI version this library was built with (FSG_ABI_VERSION). */
FSG_API int32_t fsg_abi_version(void);

/* Whether this CPU (and OS, for the AVX register state) can run a path: 1 or 0. Unknown paths give 0. */
FSG_API int32_t fsg_cpu_supports(int32_t path);

/*
 * fsg_train_pairs_<path>: trains pair_count skip-gram pairs in order; later pairs see the updates of earlier ones,
 * as in word2vec.c. One function per path: _scalar, _avx2, _avx512.
 *
 * inputs    pair_count input-row ids.
 * targets   pair_count * (negatives + 1) output-row ids; pair p owns targets[p (M+1) .. p (M+1) + M], the first
 *           the positive (label 1), the rest negatives (label 0). Duplicates are allowed.
 * negatives M >= 0.
 * alpha     the learning rate.
 * loss      receives the summed loss (0 when pair_count <= 0, which touches nothing else).
 *
 * Per pair, exactly as the managed ScalarKernel: all M+1 dot products f_k = <in, out_k> against the unchanged
 * input row; entry_k = clamp(floor((f_k + max_exp) table_scale), -1, table_size) + 1 (a NaN bucket counts as 0, as
 * in .NET's saturating conversion); g_k = (label_k - sigmoid[entry_k]) alpha; loss += loss_table[entry_k] + 0 f_k.
 * Then for every dimension j, in order k = 0..M: e += g_k out_k[j]; out_k[j] += g_k in[j]; finally in[j] += e.
 *
 * The loss is NaN when a dot product was NaN or infinite, so the caller detects divergence without a separate pass.
 * Ids are not range-checked: every id must name a row of its matrix. Thread-safe for concurrent calls that use
 * distinct scratch (Hogwild: rows may race, by design). The scalar path matches the managed ScalarKernel bit for
 * bit; the SIMD paths run the managed VectorKernel algorithm (dots reassociated with fused multiply-adds,
 * the update unfused in the scalar order), so they agree with the scalar path to float rounding and, given the same
 * gradients, update bit-identically. Returns FSG_OK or an FSG_ERROR_* code.
 */
FSG_API int32_t fsg_train_pairs_scalar(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                                       const int32_t* targets, int32_t negatives, float alpha, float* loss);
FSG_API int32_t fsg_train_pairs_avx2(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                                     const int32_t* targets, int32_t negatives, float alpha, float* loss);
FSG_API int32_t fsg_train_pairs_avx512(const fsg_context* ctx, const int32_t* inputs, int64_t pair_count,
                                       const int32_t* targets, int32_t negatives, float alpha, float* loss);

/*
 * fsg_train_batches_<path>: shared-negative mini-batched SGNS (pWord2Vec's scheme; the managed
 * IBatchedSgnsKernel), batches in order. One function per path: _scalar, _avx2, _avx512.
 *
 * contexts     input-row ids; batch b owns contexts[offsets[b] .. offsets[b + 1] - 1] (B_b of them, may be 0).
 * offsets      batch_count + 1 non-decreasing entries.
 * targets      batch_count * (negatives + 1) output-row ids; batch b owns targets[b (M+1) .. b (M+1) + M], the
 *              first the positive (label 1) shared by all of the batch's contexts, the rest shared negatives.
 * loss         receives the summed loss (0 when batch_count <= 0, which touches nothing else).
 *
 * Per batch, from the rows as they were before it: F[i,k] = <C_i, O_k>; entry and g as in fsg_train_pairs_*;
 * loss += loss_table[entry] + 0 F[i,k]. Then per dimension j: dC_i = sum over k = 0..M of g[i,k] O_k[j] and
 * dO_k = sum over i of g[i,k] C_i[j], each accumulated in index order with fused multiply-adds from 0; then
 * C_i[j] += dC_i in order i, O_k[j] += dO_k in order k (a repeated row receives every delta). Duplicates allowed.
 * The scalar path matches the managed ScalarKernel bit for bit (it calls fmaf); the SIMD paths sum the dot products
 * in another order, and given the same g their updates are bit-identical. Returns FSG_OK or an FSG_ERROR_* code.
 */
FSG_API int32_t fsg_train_batches_scalar(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                                         int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha,
                                         float* loss);
FSG_API int32_t fsg_train_batches_avx2(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                                       int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha,
                                       float* loss);
FSG_API int32_t fsg_train_batches_avx512(const fsg_context* ctx, const int32_t* contexts, const int32_t* offsets,
                                         int64_t batch_count, const int32_t* targets, int32_t negatives, float alpha,
                                         float* loss);

/*
 * fsg_train_labeled_batches_<path>: skip-gram's hierarchical softmax in batches (the managed
 * IBatchedSgnsKernel.TrainLabeledBatches): batch b's B contexts all predict the same T_b targets (a center word's
 * Huffman path: its inner nodes, labels 1 - the code bits), trained in word2vec.c's order, context by context.
 *
 * contexts, offsets      batch b owns contexts[offsets[b] .. offsets[b + 1] - 1] (rows of ctx->input),
 *                        batch_count + 1 non-decreasing entries.
 * targets, target_offsets batch b owns targets[target_offsets[b] .. target_offsets[b + 1] - 1] (rows of
 *                        ctx->output), batch_count + 1 non-decreasing entries; distinct within a batch.
 * labels                 one per target, 0 or 1.
 *
 * From the pre-batch rows: F[i,k] = C_i . O_k, K[i,j] = C_i . C_j (j < i); for i = 0..B-1 in order,
 * f = F[i,k] + sum_{j<i} K[i,j] G[j,k] (fmaf in j order), G[i,k] = (labels[k] - sigmoid[entry(f)]) alpha, loss +=
 * (labels[k] != 0 ? positive_loss : negative_loss)[entry] + 0 f. Then per dimension j and target k in order, with
 * o = O_k[j]: for i in order, dC_i += G[i,k] o, then o += G[i,k] C_i[j] (fmaf each, dC_i from 0); O_k[j] = o; and
 * C_i[j] += dC_i for i in order. Scratch: the managed PathBatchScratch layout. A batch without contexts or targets
 * changes nothing.
 */
FSG_API int32_t fsg_train_labeled_batches_scalar(const fsg_context* ctx, const int32_t* contexts,
                                                 const int32_t* offsets, int64_t batch_count, const int32_t* targets,
                                                 const int32_t* target_offsets, const float* labels, float alpha,
                                                 float* loss);
FSG_API int32_t fsg_train_labeled_batches_avx2(const fsg_context* ctx, const int32_t* contexts,
                                               const int32_t* offsets, int64_t batch_count, const int32_t* targets,
                                               const int32_t* target_offsets, const float* labels, float alpha,
                                               float* loss);
FSG_API int32_t fsg_train_labeled_batches_avx512(const fsg_context* ctx, const int32_t* contexts,
                                                 const int32_t* offsets, int64_t batch_count, const int32_t* targets,
                                                 const int32_t* target_offsets, const float* labels, float alpha,
                                                 float* loss);

/*
 * The examples of one fsg_train_hidden_* call (the managed HiddenBatch). 72 bytes on LP64; part of the ABI
 * (src/FastSgns.Core/Interop/NativeHiddenBatch.cs, pinned by a test).
 *
 * inputs, input_offsets  example e's input rows are inputs[input_offsets[e] .. input_offsets[e + 1] - 1], at
 *                        least one; example_count + 1 offsets from 0.
 * nodes, node_labels,    hierarchical softmax: example e's tree rows nodes[node_offsets[e] ..
 * node_offsets           node_offsets[e + 1] - 1] with a label (0 or 1) each; node_offsets NULL: no such part.
 * targets                negative sampling: example_count * (negatives + 1) output rows, the first of each example
 *                        the positive; NULL: no such part.
 * tree                   the matrix the nodes index (syn1), at ctx->stride; may be NULL without nodes.
 * flags                  FSG_HIDDEN_MEAN: the hidden vector is the mean of the input rows, else their sum.
 *                        FSG_HIDDEN_GENSIM_TARGETS: the negative-sampling rows follow gensim's CBOW rule: a row whose
 *                        dot is saturated (f <= -max_exp, f >= max_exp or NaN) and a negative whose id equals the
 *                        example's positive get g = 0 (their loss still counts).
 */
#define FSG_HIDDEN_MEAN 1
#define FSG_HIDDEN_GENSIM_TARGETS 2

typedef struct fsg_hidden_batch {
    const int32_t* inputs;
    const int32_t* input_offsets;
    const int32_t* nodes;
    const float* node_labels;
    const int32_t* node_offsets;
    const int32_t* targets;
    float* tree;
    int64_t example_count;
    int32_t negatives;
    int32_t flags;
} fsg_hidden_batch;

/*
 * fsg_train_hidden_<path>: CBOW and hierarchical softmax, examples in order, exactly as the managed
 * ISgnsKernel.TrainHidden. Per example: h = row_0 + row_1 + ... in order, times (1.0f / count) when mean; e = 0.
 * Per part (the tree rows with their labels, then the M+1 output rows labelled 1, 0, ...): all dot products
 * f_k = <h, out_k> first; entry_k as in fsg_train_pairs_*; g_k = (label_k - sigmoid[entry_k]) alpha; loss +=
 * (label_k != 0 ? positive_loss : negative_loss)[entry_k] + 0 f_k; then for every dimension j, in order k:
 * e[j] += g_k out_k[j]; out_k[j] += g_k h[j]. Finally each input row, in order, gets += e.
 * Scratch (the managed HiddenScratch.Floats with R = the most rows of one part): [h: round16(dim)]
 * [e: round16(dim)] [dots, gradients, labels: round16(R) each] [R row pointers]. The scalar path matches the
 * managed ScalarKernel bit for bit; the SIMD paths sum the dots in another order and update in the scalar order.
 */
FSG_API int32_t fsg_train_hidden_scalar(const fsg_context* ctx, const fsg_hidden_batch* batch, float alpha, float* loss);
FSG_API int32_t fsg_train_hidden_avx2(const fsg_context* ctx, const fsg_hidden_batch* batch, float alpha, float* loss);
FSG_API int32_t fsg_train_hidden_avx512(const fsg_context* ctx, const fsg_hidden_batch* batch, float alpha, float* loss);

#ifdef __cplusplus
}
#endif

#endif /* FASTSGNS_NATIVE_H */
