using System.Text;

namespace FastSgns.Corpus;

/// <summary>
/// Sentences given as lists of words (gensim's iterables of token lists) written as the text a corpus file would
/// hold: words separated by a space, each sentence ended by a newline. The pipeline then reads that text exactly as it
/// reads a file, so training from sentences and from the same sentences saved one per line give the same vectors.
/// The sentences are enumerated once, streaming through one reusable buffer: nothing of the corpus stays in memory.
/// A word must survive the trip as one token, so it may not be empty or contain whitespace (a space, a tab, a line
/// break or NUL); such a word is refused, naming the sentence and word, rather than silently split.
/// </summary>
internal static class SentenceText
{
    private const int BufferBytes = 1 << 20;

    /// <summary>Writes the sentences to <paramref name="output"/>; returns how many there were.</summary>
    public static long Write(IEnumerable<IReadOnlyList<string>> sentences, Stream output, CancellationToken cancellation)
    {
        byte[] buffer = new byte[BufferBytes];
        int used = 0;
        long sentence = 0;
        foreach (IReadOnlyList<string> words in sentences)
        {
            cancellation.ThrowIfCancellationRequested();
            sentence++;
            if (words is null)
            {
                throw new ArgumentException($"sentence {sentence:N0} is null.");
            }

            for (int w = 0; w < words.Count; w++)
            {
                string word = words[w] ?? throw new ArgumentException($"sentence {sentence:N0}, word {w + 1:N0} is null.");
                int most = Encoding.UTF8.GetMaxByteCount(word.Length) + 1;
                if (BufferBytes - used < most)
                {
                    output.Write(buffer, 0, used);
                    used = 0;
                    if (most > BufferBytes)
                    {
                        buffer = new byte[most]; // a word of more than ~340,000 characters; the tokenizer keeps its first 100 bytes
                    }
                }

                if (w > 0)
                {
                    buffer[used++] = (byte)' ';
                }

                int bytes = Encoding.UTF8.GetBytes(word, buffer.AsSpan(used));
                Check(buffer.AsSpan(used, bytes), sentence, w, word);
                used += bytes;
            }

            if (BufferBytes - used < 1)
            {
                output.Write(buffer, 0, used);
                used = 0;
            }

            buffer[used++] = (byte)'\n';
        }

        output.Write(buffer, 0, used);
        return sentence;
    }

    private static void Check(ReadOnlySpan<byte> utf8, long sentence, int index, string word)
    {
        if (utf8.IsEmpty)
        {
            throw new ArgumentException($"sentence {sentence:N0}, word {index + 1:N0} is empty; a word must be one token.");
        }

        foreach (byte b in utf8)
        {
            if (Tokenizer.IsWhitespace(b))
            {
                string shown = word.Length > 40 ? word[..40] + "…" : word;
                throw new ArgumentException($"sentence {sentence:N0}, word {index + 1:N0} (\"{shown.ReplaceLineEndings(" ")}\") contains whitespace or NUL; a word must be one token, so split it first.");
            }
        }
    }
}
