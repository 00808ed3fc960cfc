namespace FastSgns.Queries;

/// <summary>
/// One query answer: a row of the model and its score. A struct so that hosts querying in a loop can pass a
/// caller-owned <see cref="Span{T}"/> of them and allocate nothing; the word is <c>model.Word(Index)</c>.
/// </summary>
/// <param name="Index">The row in the vector file, which is also the frequency rank for word2vec files.</param>
/// <param name="Similarity">Cosine for similarity and 3CosAdd queries; the 3CosMul score for 3CosMul queries.</param>
public readonly record struct Neighbor(int Index, float Similarity);
