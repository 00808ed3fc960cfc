namespace FastSgns.Cli;

/// <summary>The file names given to <c>train</c>, as typed.</summary>
internal sealed record TrainPaths(IReadOnlyList<string> Inputs, string Output, string? Checkpoint, string? SaveVocabulary, string? ReadVocabulary, string? Plot)
{
    /// <summary>--save-model: the full model file to write.</summary>
    public string? SaveModel { get; init; }

    /// <summary>--init-model: the full model file to continue from.</summary>
    public string? InitModel { get; init; }
}
