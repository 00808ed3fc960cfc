namespace FastSgns.Tests.Phrases;

/// <summary>
/// The readable reference the fast phrase detector is tested against: word2phrase and gensim's Phrases as they are
/// described, one dictionary keyed by text holding words and "a_b" bigrams alike, one thread, no chunks, no pruning.
/// word2phrase (the default scorer) counts a bigram across a line end and scores in single precision; gensim (npmi)
/// counts within lines and scores in double precision. A bigram joins when the word before it is not itself joined
/// (no overlapping phrases) and both are on one line.
/// </summary>
internal static class ReferencePhrases
{
    private static readonly char[] s_whitespace = [' ', '\t', '\v', '\f', '\r', '\0'];

    public static string Run(string text, bool npmi, long minCount, double threshold, int passes = 1, char delimiter = '_')
    {
        List<string[]> lines = Lines(text);
        for (int pass = 0; pass < passes; pass++)
        {
            lines = Pass(lines, npmi, minCount, threshold, delimiter.ToString());
        }

        return string.Concat(lines.Select(line => string.Join(' ', line) + "\n"));
    }

    /// <summary>Lines split at '\n' (a last line without one still counts), words at ASCII whitespace.</summary>
    public static List<string[]> Lines(string text)
    {
        var pieces = text.Split('\n').ToList();
        if (pieces[^1].Length == 0)
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        return [.. pieces.Select(p => p.Split(s_whitespace, StringSplitOptions.RemoveEmptyEntries))];
    }

    private static List<string[]> Pass(List<string[]> lines, bool npmi, long minCount, double threshold, string delimiter)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        void Count(string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
        long words = 0;
        string? previous = null;
        foreach (string[] line in lines)
        {
            if (npmi)
            {
                previous = null;
            }

            foreach (string word in line)
            {
                Count(word);
                words++;
                if (previous is not null)
                {
                    Count(previous + delimiter + word);
                }

                previous = word;
            }
        }

        bool Joins(string a, string b)
        {
            long ca = counts.GetValueOrDefault(a), cb = counts.GetValueOrDefault(b), cab = counts.GetValueOrDefault(a + delimiter + b);
            if (npmi)
            {
                if (cab < minCount || ca == 0 || cb == 0)
                {
                    return false;
                }

                double pa = ca / (double)words, pb = cb / (double)words, pab = cab / (double)words;
                return Math.Log(pab / (pa * pb)) / -Math.Log(pab) > threshold;
            }

            // word2phrase drops every entry seen fewer than min-count times, then scores in float.
            if (ca < minCount || cb < minCount || cab < minCount)
            {
                return false;
            }

            float score = (cab - minCount) / (float)ca / (float)cb * (float)words;
            return score > (float)threshold;
        }

        var result = new List<string[]>();
        foreach (string[] line in lines)
        {
            var output = new List<string>();
            bool previousFree = false;
            foreach (string word in line)
            {
                if (previousFree && Joins(output[^1], word))
                {
                    output[^1] = output[^1] + delimiter + word;
                    previousFree = false;
                    continue;
                }

                output.Add(word);
                previousFree = true;
            }

            result.Add([.. output]);
        }

        return result;
    }
}
