namespace FastSgns.Corpus;

/// <summary>Sizes shared by the tokenizer's batches and the tables that consume them.</summary>
internal static class TokenBatch
{
    /// <summary>
    /// Events per batch: enough lookups in flight to cover a memory access (~100 ns) with the hashing of the others,
    /// few enough that a batch's scratch arrays stay in the first-level cache.
    /// </summary>
    public const int Size = 64;
}
