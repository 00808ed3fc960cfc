using System.Globalization;

namespace FastSgns.Checkpoints;

/// <summary>
/// What the training pipeline adds to a checkpoint's identity (the trainer's run identity): the
/// options that made the vocabulary, as a resumed run takes the vocabulary from the checkpoint instead of making it
/// again, and a cheap fingerprint of the input (file names and total size, not the contents), so that resuming on
/// another corpus fails before a byte of it is encoded.
/// </summary>
internal static class PipelineIdentity
{
    /// <summary>Up to this many input files are named in full; beyond it, the first, the last and a hash of all the names.</summary>
    private const int NamedFiles = 4;

    public static IReadOnlyList<KeyValuePair<string, string>> Of(
        long minCount, int maxVocab, long maxVocabMemory, string? readVocabularyPath, string inputNames, long inputBytes)
    {
        var c = CultureInfo.InvariantCulture;
        return
        [
            new("MinCount", minCount.ToString(c)),
            new("MaxVocab", maxVocab.ToString(c)),
            new("MaxVocabMemory", maxVocabMemory.ToString(c)),
            new("ReadVocabularyPath", readVocabularyPath is null ? "none" : Path.GetFileName(readVocabularyPath)),
            new("InputFiles", inputNames),
            new("InputBytes", inputBytes.ToString(c)),
        ];
    }

    /// <summary>
    /// The files' names without their directories: moving the corpus, or resuming from another working directory,
    /// is still the same run.
    /// </summary>
    public static string Names(IReadOnlyList<string> paths)
    {
        if (paths.Count <= NamedFiles)
        {
            return string.Join(", ", paths.Select(Path.GetFileName));
        }

        ulong hash = 14695981039346656037;
        foreach (string path in paths)
        {
            foreach (char ch in Path.GetFileName(path) + "/")
            {
                hash = (hash ^ ch) * 1099511628211;
            }
        }

        return $"{paths.Count} files, {Path.GetFileName(paths[0])} … {Path.GetFileName(paths[^1])} (names hash {hash.ToString("x16", CultureInfo.InvariantCulture)})";
    }
}
