namespace FastSgns.Queries;

/// <summary>
/// The best-scoring rows seen so far, kept in a caller's buffer sorted best first: the selection every query shares.
/// Allocates nothing.
/// </summary>
internal static class TopK
{
    /// <summary>
    /// Offers <paramref name="row"/> with <paramref name="score"/> to <paramref name="results"/>[..found], which stays
    /// sorted best first and holds at most <paramref name="results"/>.Length rows; equal scores keep the row offered
    /// first (the earlier, more frequent one when rows are offered in order). A NaN score is never kept.
    /// </summary>
    public static void Offer(Span<Neighbor> results, ref int found, int row, float score)
    {
        int k = results.Length;
        if (k == 0 || float.IsNaN(score) || found == k && !(score > results[k - 1].Similarity))
        {
            return;
        }

        // Insertion into a short sorted list: k is small, so this beats a heap.
        int position = found < k ? found++ : k - 1;
        while (position > 0 && results[position - 1].Similarity < score)
        {
            results[position] = results[position - 1];
            position--;
        }

        results[position] = new Neighbor(row, score);
    }
}
