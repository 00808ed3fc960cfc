using System.Buffers.Binary;
using FastSgns.Synthetic;

namespace FastSgns.Tests.Checkpoints;

/// <summary>
/// What the user meets when `fastsgns train --resume` finds a damaged checkpoint: one line naming the file and the
/// damage, exit 2, no stack trace, and nothing written (no vectors, the checkpoint left as it was, no temporary).
/// The checkpoint is a real one, left by the CLI when interrupted by SIGINT.
/// </summary>
public sealed class CliCheckpointDamageTests(CliCheckpointDamageTests.InterruptedRun run) : IClassFixture<CliCheckpointDamageTests.InterruptedRun>
{
    public sealed class InterruptedRun : IDisposable
    {
        private readonly TempDirectory _temp = new();

        public InterruptedRun()
        {
            Corpus = SyntheticCorpus.Generate(20_000).Text;
            File.WriteAllBytes(_temp.File("corpus.txt"), Corpus);
            string output = _temp.File("vectors.txt");
            var (exitCode, stderr) = CliSignal.RunAndSignal([.. Arguments(_temp.File("corpus.txt"), output)], "INT");
            Assert.True(exitCode == 75, $"exit {exitCode}: {stderr}");
            Checkpoint = File.ReadAllBytes(output + ".checkpoint");
        }

        public byte[] Corpus { get; }

        public byte[] Checkpoint { get; }

        public void Dispose() => _temp.Dispose();
    }

    private static IEnumerable<string> Arguments(string corpus, string output, string dim = "16") =>
        ["train", "--input", corpus, "--output", output, "--dim", dim, "--epochs", "24", "--threads", "1", "--kernel", "scalar", "--seed", "3"];

    public static TheoryData<string, string> Damages() => new()
    {
        { "version 2", "the checkpoint was written by an older FastSgns (format 2; this one reads format 6); start afresh instead of resuming." },
        { "truncated identity", "the checkpoint is damaged: section identity is recorded as" },
        { "truncated vocabulary", "the checkpoint is damaged: section vocabulary is recorded as" },
        { "truncated progress", "the checkpoint is damaged: section progress is recorded as" },
        { "truncated matrices", "the checkpoint is damaged: section matrices is recorded as" },
        { "bit flipped in identity", "the checkpoint is damaged: section identity checksum mismatch;" },
        { "bit flipped in vocabulary", "the checkpoint is damaged: section vocabulary checksum mismatch;" },
        { "bit flipped in progress", "the checkpoint is damaged: section progress checksum mismatch;" },
        { "bit flipped in matrices", "the checkpoint is damaged: section matrices checksum mismatch;" },
        { "zeroed matrices", "the checkpoint is damaged: section matrices checksum mismatch;" },
        { "worker count -1", "the checkpoint is damaged: section progress records -1 workers" },
        { "worker count 0x7fffffff", "the checkpoint is damaged: section progress records 2147483647 workers" },
        { "epoch 1000", "the checkpoint is damaged: section progress gives worker 0 epoch 1000, outside 0 to 24;" },
        { "NaN in matrices", "the checkpoint is damaged: section matrices holds values that are not finite numbers;" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Resume_FromADamagedCheckpoint_PrintsOneLine_Exits2_AndWritesNothing(string damage, string message)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("The checkpoint comes from a POSIX signal.");
        }

        using var temp = new TempDirectory();
        string corpus = temp.File("corpus.txt");
        string output = temp.File("vectors.txt");
        string checkpoint = output + ".checkpoint";
        File.WriteAllBytes(corpus, run.Corpus);
        byte[] damaged = Damage(damage, (byte[])run.Checkpoint.Clone());
        File.WriteAllBytes(checkpoint, damaged);

        var result = CliRunner.Run([.. Arguments(corpus, output), "--resume"]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        string[] errors = [.. result.StdErr.Split('\n').Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.TrimStart().StartsWith("at ", StringComparison.Ordinal))];
        Assert.StartsWith($"fastsgns: error: {checkpoint}: {message}", Assert.Single(errors));
        Assert.False(File.Exists(output));
        Assert.Equal(damaged, File.ReadAllBytes(checkpoint));
        Assert.Equal(["corpus.txt", "vectors.txt.checkpoint"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Resume_WithAnotherDim_NamesTheDifference_Exits2_AndWritesNothing()
    {
        using var temp = new TempDirectory();
        string corpus = temp.File("corpus.txt");
        string output = temp.File("vectors.txt");
        File.WriteAllBytes(corpus, run.Corpus);
        File.WriteAllBytes(output + ".checkpoint", run.Checkpoint);

        var result = CliRunner.Run([.. Arguments(corpus, output, dim: "20"), "--resume"]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains($"fastsgns: error: {output}.checkpoint: the checkpoint belongs to another run (Dim is 20 now but 16 in the checkpoint)", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.False(File.Exists(output));
    }

    private static byte[] Damage(string damage, byte[] bytes)
    {
        var sections = CheckpointSections.Of(bytes);
        string section = damage.Split(' ')[^1];
        switch (damage)
        {
            case "version 2":
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 2);
                return bytes;
            case var _ when damage.StartsWith("truncated", StringComparison.Ordinal):
                return bytes[..(sections[section].PayloadAt + sections[section].Length / 2)];
            case var _ when damage.StartsWith("bit flipped", StringComparison.Ordinal):
                bytes[sections[section].PayloadAt + sections[section].Length / 2] ^= 0x04;
                return bytes;
            case "zeroed matrices":
                bytes.AsSpan(sections["matrices"].PayloadAt + 8, 4096).Clear();
                return bytes;
            case "worker count -1":
                return Forged(bytes, sections, "progress", 8, -1);
            case "worker count 0x7fffffff":
                return Forged(bytes, sections, "progress", 8, int.MaxValue);
            case "epoch 1000":
                return Forged(bytes, sections, "progress", 12, 1000);
            case "NaN in matrices":
                return Forged(bytes, sections, "matrices", 8 + 4 * 100, BitConverter.SingleToInt32Bits(float.NaN));
            default:
                throw new ArgumentException(damage);
        }
    }

    /// <summary>Writes <paramref name="value"/> into a section and forges its checksum, to reach the range checks.</summary>
    private static byte[] Forged(byte[] bytes, CheckpointSections sections, string section, int offset, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(sections[section].PayloadAt + offset), value);
        sections.Rehash(bytes, section);
        return bytes;
    }
}
