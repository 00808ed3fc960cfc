namespace FastSgns.Cli;

/// <summary>Process exit codes; 0 only on success.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int Diverged = 3;
    public const int Cancelled = 130;

    /// <summary>Interrupted during training with the state saved to a checkpoint (EX_TEMPFAIL: run again with --resume).</summary>
    public const int Interrupted = 75;
}
