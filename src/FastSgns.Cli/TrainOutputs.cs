using FastSgns.IO;

namespace FastSgns.Cli;

/// <summary>
/// Every file a <c>train</c> run reads and writes, resolved and checked against each other before any work
/// (<see cref="RunFiles"/>): no output may be an input or another output, none may lie in an input directory, and
/// each must be a regular file, a new name in an existing directory, a symbolic link (written through) or the null
/// device (discarded; not for the checkpoint, which must be readable by --resume).
/// </summary>
internal sealed class TrainOutputs
{
    private TrainOutputs(OutputTarget output, OutputTarget? checkpoint, OutputTarget? saveModel)
    {
        Output = output;
        Checkpoint = checkpoint;
        SaveModel = saveModel;
    }

    /// <summary>The full model file of --save-model, if any.</summary>
    public OutputTarget? SaveModel { get; }

    public OutputTarget Output { get; }

    /// <summary>
    /// The checkpoint file: --checkpoint, else OUTPUT.checkpoint; none when the output is discarded and no
    /// --checkpoint was given (a checkpoint beside /dev/null would land in /dev), so Ctrl+C then just cancels.
    /// </summary>
    public OutputTarget? Checkpoint { get; }

    /// <summary>Where the id file goes: beside the output, or the system temp directory when the output is discarded.</summary>
    public string? WorkDirectory => Output.Discards ? null : Path.GetDirectoryName(Output.FullPath);

    public static TrainOutputs Check(TrainPaths paths, EvaluationFiles evaluation, Action<string>? log)
    {
        var files = new RunFiles();
        files.AddInputs("--input", paths.Inputs);
        files.AddInput("--read-vocab", paths.ReadVocabulary);
        files.AddInput("--init-model", paths.InitModel);
        files.AddInput("--eval-analogies", evaluation.AnalogyFile);
        files.AddInputs("--eval-similarity", evaluation.Similarity.Select(s => s.File));
        OutputTarget output = files.AddOutput("--output", paths.Output);
        OutputTarget? checkpoint = paths.Checkpoint is not null ? files.AddOutput("--checkpoint", paths.Checkpoint, allowDiscard: false)
            : output.Discards ? null
            : files.AddOutput("--checkpoint", output.FullPath + ".checkpoint", allowDiscard: false);
        if (paths.SaveVocabulary is not null)
        {
            files.AddOutput("--save-vocab", paths.SaveVocabulary);
        }

        OutputTarget? saveModel = paths.SaveModel is null ? null : files.AddOutput("--save-model", paths.SaveModel, allowDiscard: false);
        if (paths.Plot is not null)
        {
            files.AddOutput("--plot", paths.Plot);
        }

        files.Check();
        RemoveStaleTemporaries(files.Outputs, log);
        return new TrainOutputs(output, checkpoint, saveModel);
    }

    /// <summary>Temporaries of saves that a killed run left beside these outputs (the next save would remove them too).</summary>
    private static void RemoveStaleTemporaries(IEnumerable<OutputTarget> outputs, Action<string>? log)
    {
        foreach (string directory in outputs.Where(o => !o.Discards).Select(o => Path.GetDirectoryName(o.FullPath)!).Distinct(StringComparer.Ordinal))
        {
            foreach ((string stale, long bytes) in StaleTemporaries.Remove(directory))
            {
                log?.Invoke($"save: removed {stale} ({bytes / 1e6:F1} MB), left behind by a run that was killed while saving");
            }
        }
    }
}
