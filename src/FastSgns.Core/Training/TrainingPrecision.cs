namespace FastSgns.Training;

/// <summary>How the output matrix (syn1neg, the negative-sampling weights) is stored while training (<c>--precision</c>).</summary>
public enum TrainingPrecision
{
    /// <summary>32-bit floats, as word2vec.c.</summary>
    Fp32,

    /// <summary>
    /// bfloat16 (the top 16 bits of a float): half the output matrix's memory and memory traffic. Arithmetic stays in
    /// floats; every value stored back is rounded stochastically (unbiased, so small updates survive on average). The
    /// input matrix, whose rows are the word vectors, stays in floats. Batched skip-gram with negative sampling only,
    /// on the managed kernels.
    /// </summary>
    Bf16,
}
