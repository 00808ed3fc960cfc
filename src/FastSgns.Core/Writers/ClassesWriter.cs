using System.Text;
using FastSgns.IO;

namespace FastSgns.Writers;

/// <summary>Writes word classes as word2vec.c's <c>-classes</c> does: one "word class" line per word, in row order.</summary>
internal static class ClassesWriter
{
    public static void Save(IReadOnlyList<string> words, ReadOnlySpan<int> classes, string path)
    {
        if (classes.Length != words.Count)
        {
            throw new ArgumentException($"{words.Count} words but {classes.Length} classes.");
        }

        int[] copy = classes.ToArray();
        AtomicFile.Write(path, stream =>
        {
            var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\n" };
            for (int i = 0; i < copy.Length; i++)
            {
                writer.Write(words[i]);
                writer.Write(' ');
                writer.Write(copy[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.Write('\n');
            }

            writer.Flush();
        });
    }
}
