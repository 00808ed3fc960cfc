namespace FastSgns.Benchmarks.EndToEnd;

/// <summary>One trainer's run on the benchmark corpus: its speed, memory and the quality of what it learned.</summary>
public sealed record BenchRun(
    string Trainer,
    double TrainSeconds,
    double WholeSeconds,
    long CorpusWords,
    int Epochs,
    long PeakRssBytes,
    double Analogy,
    double AnalogyCoverage,
    double WordSim)
{
    /// <summary>The word2vec convention: every corpus word of every epoch, subsampled ones included.</summary>
    public double WordsPerSecond => TrainSeconds > 0 ? CorpusWords * (double)Epochs / TrainSeconds : 0;
}
