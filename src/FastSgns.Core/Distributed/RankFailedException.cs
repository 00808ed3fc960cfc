namespace FastSgns.Distributed;

/// <summary>
/// A setup step failed on one rank of a distributed run (an input it cannot read, a bad option); every rank throws
/// this, with the same message, so the job ends with one clear line per rank and nothing written.
/// </summary>
internal sealed class RankFailedException(string message) : IOException(message);
