using System.Text;
using FastSgns.Corpus;

namespace FastSgns.Tests.Corpus;

/// <summary>Records tokens and sentence ends as strings ("&lt;/s&gt;"), to compare tokenizers exactly.</summary>
internal struct TokenRecorder() : ITokenSink
{
    public List<string> Items { get; } = [];

    public readonly void OnToken(ReadOnlySpan<byte> token) => Items.Add(Encoding.UTF8.GetString(token));

    public readonly void OnSentenceEnd() => Items.Add("</s>");
}
