namespace FastSgns.Cli;

/// <summary>The file names given to <c>train</c>, as typed.</summary>
internal sealed record TrainPaths(IReadOnlyList<string> Inputs, string Output, string? Checkpoint, string? SaveVocabulary, string? ReadVocabulary, string? Plot);
