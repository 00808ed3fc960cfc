namespace FastSgns.Corpus;

/// <summary>
/// One event of a token batch: a token at [<see cref="Start"/>, Start + <see cref="Length"/>) of the text the batch
/// came with (already cut to <see cref="Tokenizer.MaxTokenBytes"/>), or, with length 0, a sentence end (a token is
/// never empty).
/// </summary>
internal readonly record struct TokenSpan(int Start, int Length)
{
    public bool IsSentenceEnd => Length == 0;
}
