using System.Text;

namespace FastSgns.Tests.Phrases;

/// <summary>
/// Small corpora where phrases form: Zipf-ish random words with a few planted collocations (some of three words, so
/// a second pass has trigrams to find), rare words, words already holding the delimiter (so word and bigram keys
/// collide as in a second pass), empty lines, runs of spaces and tabs, CRLF line ends.
/// </summary>
internal static class PhraseCorpora
{
    private static readonly string[][] s_planted =
    [
        ["new", "york"], ["san", "francisco"], ["united", "states"], ["new", "york", "city"], ["world", "war", "ii"],
        ["de", "la", "hoya"], ["york", "city"], ["new_york", "times"], ["los", "angeles"],
    ];

    public static string Generate(int seed, int lines, bool messy = true, int vocabulary = 60)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        string[] common = [.. Enumerable.Range(0, vocabulary).Select(i => i % 13 == 5 ? $"w{i}_x" : $"w{i}")];
        for (int line = 0; line < lines; line++)
        {
            if (messy && random.Next(25) == 0)
            {
                text.Append(random.Next(3) == 0 ? "  \t" : "").Append('\n');
                continue;
            }

            int length = 1 + random.Next(14);
            for (int i = 0; i < length; i++)
            {
                if (i > 0 || (messy && random.Next(10) == 0))
                {
                    text.Append(messy && random.Next(12) == 0 ? (random.Next(2) == 0 ? "\t" : "   ") : " ");
                }

                int kind = random.Next(100);
                if (kind < 12)
                {
                    string[] phrase = s_planted[random.Next(s_planted.Length)];
                    text.Append(string.Join(' ', phrase));
                }
                else if (kind < 16)
                {
                    text.Append("rare").Append(random.Next(5000));
                }
                else
                {
                    // Roughly Zipfian: low indices far more often.
                    int index = (int)Math.Min(common.Length - 1, Math.Floor(Math.Pow(random.NextDouble(), 2.5) * common.Length));
                    text.Append(common[index]);
                }
            }

            text.Append(messy && random.Next(15) == 0 ? "\r\n" : "\n");
        }

        return text.ToString();
    }
}
