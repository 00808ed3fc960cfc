namespace FastSgns.Queries;

/// <summary>How a : b :: c : ? is answered (Levy &amp; Goldberg 2014, "Linguistic Regularities in Sparse and Explicit Word Representations").</summary>
public enum AnalogyMethod
{
    /// <summary>3CosAdd: argmax cos(d, b − a + c); word2vec's and gensim's <c>most_similar</c> default.</summary>
    Add,

    /// <summary>3CosMul: argmax cos'(d,b)·cos'(d,c) / (cos'(d,a) + ε) with cos' = (cos + 1) / 2; gensim's <c>most_similar_cosmul</c>.</summary>
    Mul,
}
