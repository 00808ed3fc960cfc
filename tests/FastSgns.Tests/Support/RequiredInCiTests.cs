namespace FastSgns.Tests.Support;

/// <summary>Issue #13, class 19: under CI a missing required group fails the run instead of skipping.</summary>
public sealed class RequiredInCiTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData(null, "true", true)]
    [InlineData(null, "1", true)]
    [InlineData(null, "false", false)]
    [InlineData("1", null, true)]
    [InlineData("0", "true", false)]
    public void IsEnforced_ByTheVariableOrTheCiRunner(string? requireAll, string? ci, bool expected) =>
        Assert.Equal(expected, RequiredInCi.IsEnforced(requireAll, ci));

    [Fact]
    public void Missing_Fails_WhenEnforced_AndSkipsOtherwise()
    {
        Assert.Equal("gensim interop must run in CI (FASTSGNS_REQUIRE_ALL=1 or CI=true), but: no gensim",
            RequiredInCi.FailureFor("gensim interop", "no gensim", enforced: true));
        Assert.Null(RequiredInCi.FailureFor("gensim interop", "no gensim", enforced: false));
    }
}
