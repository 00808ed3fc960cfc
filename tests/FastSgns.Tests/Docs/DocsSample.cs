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

        // Allocation-free forms for hosts that query in a loop: results go into your buffer.
        Span<Neighbor> top = stackalloc Neighbor[10];
        int found = model.MostSimilar("king".AsSpan(), top);
        for (int i = 0; i < found; i++)
        {
            output.WriteLine($"{model.Word(top[i].Index)} {top[i].Similarity:F3}");
        }
        // </sample>

        output.WriteLine($"{byAdd[0].Word} {byMul[0].Word} {cosine:F3} {nearVector[0].Word}");
    }
}
