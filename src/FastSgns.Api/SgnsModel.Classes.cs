using FastSgns.Clustering;
using FastSgns.Writers;

namespace FastSgns;

/// <summary>
/// Word classes, as word2vec.c's <c>-classes K</c>: k-means over the vectors (10 iterations from word i in class
/// i mod K, unit-length centroids, each word to the centroid of largest dot product). No randomness is involved, and
/// the result does not depend on the number of threads.
/// </summary>
public sealed partial class SgnsModel
{
    /// <summary>The class (0 to <paramref name="classes"/> − 1) of every word, in row order.</summary>
    /// <param name="classes">How many classes (at least 1; more than the words leaves some empty).</param>
    /// <param name="threads">Threads to use; 0: all processors.</param>
    public int[] WordClasses(int classes, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        ObjectDisposedException.ThrowIf(Vectors.IsDisposed, this);
        using var lease = Vectors.Use();
        return Clustering.WordClasses.Compute(Vectors, classes, threads == 0 ? Environment.ProcessorCount : threads);
    }

    /// <summary>Computes <see cref="WordClasses"/> and writes them as word2vec.c does, "word class" lines, atomically.</summary>
    public void SaveClasses(string path, int classes, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        ClassesWriter.Save(Words, WordClasses(classes, threads), path);
    }
}
