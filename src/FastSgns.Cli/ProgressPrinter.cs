using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary>
/// Prints training progress to stderr: one line rewritten in place on a terminal, one line every ten seconds
/// when stderr is redirected to a log, and always the final line.
/// </summary>
internal sealed class ProgressPrinter : IProgress<TrainingProgress>
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private TimeSpan? _lastLogged;

    public void Report(TrainingProgress value)
    {
        bool finished = value.Fraction >= 1;
        if (_interactive)
        {
            Console.Error.Write($"\r{value}");
            if (finished)
            {
                Console.Error.WriteLine();
            }
        }
        else if (finished || _lastLogged is null || value.Elapsed - _lastLogged >= LogInterval)
        {
            _lastLogged = value.Elapsed;
            Console.Error.WriteLine(value.ToString());
        }
    }
}
