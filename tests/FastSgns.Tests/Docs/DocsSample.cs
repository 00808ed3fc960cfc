using FastSgns.Queries;

namespace FastSgns.Tests;

/// <summary>
/// The C# sample of src/FastSgns.Api/README.md, compiled here so that it cannot rot; DocsSampleTests checks that the
/// document shows exactly the lines between the markers and runs them.
/// </summary>
internal static class DocsSample
{
    public static void Run(string path, TextWriter output)
    {
        // <sample>
        SgnsModel model = SgnsModel.Load(path); // word2vec text or binary, detected

        foreach (var (word, similarity) in model.MostSimilar("king", k: 5))
        {
            output.WriteLine($"{word} {similarity:F3}");
        }

        var byAdd = model.Analogy("man", "king", "woman");                         // 3CosAdd: queen
        var byMul = model.Analogy("man", "king", "woman", 3, AnalogyMethod.Mul);   // 3CosMul, top 3
        float cosine = model.Similarity("king", "queen");
        ReadOnlySpan<float> vector = model.GetVector("queen");                      // empty if unknown
        var nearVector = model.MostSimilar(vector, k: 3);                           // like similar_by_vector

        // gensim's KeyedVectors queries with several words (same scores; see the table below).
        var queen = model.MostSimilar(["king", "woman"], ["man"], k: 3);            // most_similar(positive, negative)
        var frequent = model.MostSimilar(["king"], [], k: 3, restrictVocab: 4);     // restrict_vocab=4
        var byCosMul = model.MostSimilarCosMul(["king", "woman"], ["man"]);         // most_similar_cosmul
        string odd = model.DoesntMatch("king", "queen", "prince", "apple");         // doesnt_match: apple
        float sets = model.NSimilarity(["king", "queen"], ["prince", "princess"]);  // n_similarity

        // Allocation-free forms for hosts that query in a loop: results go into your buffer.
        Span<Neighbor> top = stackalloc Neighbor[10];
        int found = model.MostSimilar("king".AsSpan(), top);
        for (int i = 0; i < found; i++)
        {
            output.WriteLine($"{model.Word(top[i].Index)} {top[i].Similarity:F3}");
        }
        // </sample>

        output.WriteLine($"{queen[0].Word} {frequent[0].Word} {byCosMul[0].Word} {odd} {sets:F3}");
        output.WriteLine($"{byAdd[0].Word} {byMul[0].Word} {cosine:F3} {nearVector[0].Word}");
    }
}
