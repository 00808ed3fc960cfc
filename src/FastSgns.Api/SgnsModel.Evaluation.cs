using FastSgns.Evaluation;
using FastSgns.Queries;

namespace FastSgns;

/// <summary>
/// The two standard intrinsic evaluations, as word2vec's compute-accuracy and gensim's evaluate_word_pairs compute
/// them. Read the files with <see cref="AnalogyQuestion.ReadFile"/> and <see cref="SimilarityEvaluator.ReadFile"/>.
/// </summary>
public sealed partial class SgnsModel
{
    /// <summary>The most frequent words that analogy evaluation answers among unless told otherwise (word2vec's and gensim's 30,000).</summary>
    public const int DefaultAnalogyRestrict = 30_000;

    /// <summary>
    /// Accuracy on analogy questions, per section: each answer is searched among the first <paramref name="restrict"/>
    /// words (0: all), the three question words excluded; a question with a word outside them is skipped and counts
    /// against coverage.
    /// </summary>
    public AnalogyResult EvaluateAnalogies(IReadOnlyList<AnalogyQuestion> questions, AnalogyMethod method = AnalogyMethod.Add,
        int restrict = DefaultAnalogyRestrict)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentOutOfRangeException.ThrowIfNegative(restrict);
        ObjectDisposedException.ThrowIf(Vectors.IsDisposed, this);
        return AnalogyEvaluator.Evaluate(Embeddings, questions, method, restrict == 0 ? int.MaxValue : restrict);
    }

    /// <summary>Spearman ρ between the cosines of word pairs and human scores, over the pairs whose two words are known.</summary>
    public SimilarityEvaluator.Result EvaluateSimilarity(IReadOnlyList<(string A, string B, double Score)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ObjectDisposedException.ThrowIf(Vectors.IsDisposed, this);
        return SimilarityEvaluator.Evaluate(Embeddings, pairs);
    }
}
