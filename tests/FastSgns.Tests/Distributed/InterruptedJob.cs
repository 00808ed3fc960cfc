using FastSgns.Synthetic;

namespace FastSgns.Tests.Distributed;

/// <summary>
/// A job of 2 ranks × 1 thread on the synthetic corpus, interrupted (Ctrl+C) once training started, with a checkpoint:
/// what the resume tests start from. 80,000 sentences × 8 epochs: 20,000 trained in under a second on a quiet machine,
/// and the interrupt sent when training starts could land after it had ended.
/// </summary>
/// <param name="Common">The job's arguments but --threads (a resume may take another layout).</param>
/// <param name="Interrupted">The interrupted job (rank 0's log in its error output).</param>
internal sealed record InterruptedJob(SyntheticCorpus Corpus, string Vectors, string Checkpoint, string[] Common, ExternalProcess.Result Interrupted)
{
    public static InterruptedJob Run(TempDirectory temp)
    {
        SyntheticCorpus corpus = SyntheticCorpus.Generate(80_000);
        string text = temp.File("corpus.txt");
        File.WriteAllBytes(text, corpus.Text);
        string vectors = temp.File("vectors.txt");
        string checkpoint = temp.File("run.checkpoint");
        string[] common = ["train", "-i", text, "-o", vectors, "--dim", "50", "--epochs", "8", "--distributed", "--sync-words", "16384", "--checkpoint", checkpoint];
        var interrupted = MpiJob.RunAndInterrupt(2, [.. common, "--threads", "1"], trigger: "train: kernel");
        return new InterruptedJob(corpus, vectors, checkpoint, common, interrupted);
    }
}
