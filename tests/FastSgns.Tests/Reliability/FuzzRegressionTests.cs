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

        FuzzTargets.Run(target, File.ReadAllBytes(Path.Combine(CasesRoot, target, file)), temp.File("scratch"));
    }

    [Fact]
    public void EveryTarget_HasKeptCases()
    {
        foreach (string target in new[] { "vectors", "vectors-binary", "vocabulary", "tokenizer" })
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(CasesRoot, target)));
        }
    }
}
