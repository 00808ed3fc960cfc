using FastSgns.Tests.Support;
using static FastSgns.Tests.Continued.ContinuedRuns;

namespace FastSgns.Tests.Continued;

/// <summary>--ns-exponent at the command line: checked before the corpus, and it changes what is learned.</summary>
public sealed class CliNsExponentTests
{
    [Theory]
    [InlineData("11")]
    [InlineData("NaN")]
    public void OutOfRange_IsRefusedBeforeTheCorpusIsRead(string value)
    {
        using var temp = new TempDirectory();

        CliRunner.Result result = CliRunner.Run("train", "-i", temp.File("missing.txt"), "-o", temp.File("v.txt"), "--ns-exponent", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--ns-exponent must be between -10 and 10", result.StdErr);
    }

    [Fact]
    public void AnotherExponent_GivesOtherVectors_AndTheDefaultIsThreeQuarters()
    {
        using var temp = new TempDirectory();
        string corpus = CorpusFile(temp);
        string[] common = ["train", "-i", corpus, "--dim", "8", "--epochs", "1", "--min-count", "2", "--threads", "1", "-q", "--binary"];

        Assert.Equal(0, CliRunner.Run([.. common, "-o", temp.File("default.bin")]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. common, "-o", temp.File("075.bin"), "--ns-exponent", "0.75"]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. common, "-o", temp.File("uniform.bin"), "--ns-exponent", "0"]).ExitCode);

        Assert.Equal(File.ReadAllBytes(temp.File("default.bin")), File.ReadAllBytes(temp.File("075.bin")));
        Assert.NotEqual(File.ReadAllBytes(temp.File("default.bin")), File.ReadAllBytes(temp.File("uniform.bin")));
    }
}
