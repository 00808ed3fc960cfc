using FastSgns.Fuzz;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Reliability;

/// <summary>
/// Replays every input kept under fuzz-cases/&lt;target&gt;/ (seeds, AFL++ findings, cases found in review) through
/// the same targets the fuzzer runs (tests/FastSgns.Fuzz/FuzzTargets.cs): each must be accepted or rejected with
/// an InvalidDataException naming the file, never crash or break an invariant.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static string CasesRoot => Path.Combine(AppContext.BaseDirectory, "Reliability", "fuzz-cases");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string folder in Directory.GetDirectories(CasesRoot).Order(StringComparer.Ordinal))
        {
            foreach (string file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KeptCase_NeitherCrashesNorBreaksAnInvariant(string target, string file)
    {
        using var temp = new TempDirectory();
        SkipGzipUntilItsErrorsNameTheFile(target, temp);

        FuzzTargets.Run(target, File.ReadAllBytes(Path.Combine(CasesRoot, target, file)), temp.File("scratch"));
    }

    /// <summary>
    /// A small deterministic mutation fuzzer, so every test run keeps probing the readers between AFL++ sessions:
    /// seeded bit flips, byte inserts and deletes, splices and hostile tokens over each kept case.
    /// </summary>
    [Theory]
    [InlineData("vectors", 150)]
    [InlineData("vectors-binary", 150)]
    [InlineData("vocabulary", 150)]
    [InlineData("tokenizer", 40)] // each input saves three files, each flushed to disk
    [InlineData("checkpoint", 150)]
    [InlineData("gzip", 150)]
    public void SeededMutationsOfKeptCases_NeitherCrashNorBreakAnInvariant(string target, int mutations)
    {
        using var temp = new TempDirectory();
        SkipGzipUntilItsErrorsNameTheFile(target, temp);
        string[] cases = Directory.GetFiles(Path.Combine(CasesRoot, target)).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(20261125);
        for (int i = 0; i < mutations; i++)
        {
            byte[] input = Mutate(File.ReadAllBytes(cases[i % cases.Length]), random);
            try
            {
                FuzzTargets.Run(target, input, temp.File("scratch"));
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} of {Path.GetFileName(cases[i % cases.Length])} ({Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 64)))}…): {e}");
            }
        }
    }

    /// <summary>
    /// The gzip cases were found on the inputs helper's hardened reader (2026-11-28); the reader on main before it
    /// reports a damaged member with .NET's own message, which names no file — the finding that reader fixes. Until
    /// it is merged these cases are skipped, loudly and by a probe, not by a flag someone must remember to flip.
    /// </summary>
    private static void SkipGzipUntilItsErrorsNameTheFile(string target, TempDirectory temp)
    {
        if (target != "gzip")
        {
            return;
        }

        try
        {
            FuzzTargets.Run(target, File.ReadAllBytes(Path.Combine(CasesRoot, target, "review-unknown-method-garbage.gz")), temp.File("probe"));
        }
        catch (FuzzFindingException e) when (e.Message.StartsWith("error does not name the file", StringComparison.Ordinal))
        {
            Assert.Skip($"this build's gzip reader names no file in its errors ({e.Message}); the cases replay once the hardened reader is merged.");
        }
    }

    private static readonly byte[][] s_tokens =
        [.. new[] { "1000000000000", "-1", "0", "nan", "inf", "\n", " ", "\0", "9223372036854775807", "100000", "é", "\r\n" }.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(bytes.Count + 1);
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 0:
                    int flip = Math.Min(at, bytes.Count - 1);
                    bytes[flip] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(Math.Min(at, bytes.Count - 1), Math.Min(1 + random.Next(8), bytes.Count - Math.Min(at, bytes.Count - 1)));
                    break;
                case 3:
                    bytes.InsertRange(at, s_tokens[random.Next(s_tokens.Length)]);
                    break;
                default:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)random.Next(256), random.Next(1, 300)));
                    break;
            }
        }

        return [.. bytes];
    }

    [Fact]
    public void EveryTarget_HasKeptCases()
    {
        foreach (string target in new[] { "vectors", "vectors-binary", "vocabulary", "tokenizer", "checkpoint", "gzip" })
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(CasesRoot, target)));
        }
    }
}
