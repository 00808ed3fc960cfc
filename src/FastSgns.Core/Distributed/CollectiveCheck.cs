using System.Text;

namespace FastSgns.Distributed;

/// <summary>
/// Runs a setup step (reading inputs, counting, encoding) on every rank and agrees on its outcome before anyone goes
/// on: when it failed anywhere, every rank throws <see cref="RankFailedException"/> naming the first rank that failed
/// and why. Without the agreement, a rank that failed alone would leave the others waiting in the next collective.
/// </summary>
internal static class CollectiveCheck
{
    /// <summary>What a rank sends when it was cancelled (Ctrl+C reaches every rank through the launcher).</summary>
    private const string Cancelled = "\u0001cancelled";

    /// <summary>
    /// Runs <paramref name="step"/>; when any rank failed, <paramref name="discard"/> releases this rank's result (it
    /// may hold files) before every rank throws.
    /// </summary>
    public static T Agree<T>(MpiCommunicator world, Func<T> step, Action<T>? discard = null)
    {
        T result = default!;
        string? failure = null;
        bool succeeded = false;
        try
        {
            result = step();
            succeeded = true;
        }
        catch (OperationCanceledException)
        {
            failure = Cancelled;
        }
        catch (Exception e) when (IsSetupFailure(e))
        {
            failure = e.Message.ReplaceLineEndings(" ").Trim();
        }

        try
        {
            Settle(world, failure);
        }
        catch when (succeeded && discard is not null)
        {
            discard(result);
            throw;
        }

        return result;
    }

    public static void Agree(MpiCommunicator world, Action step) => Agree(world, () =>
    {
        step();
        return true;
    });

    /// <summary>Throws on every rank when any rank passes a failure; returns on every rank when none does.</summary>
    public static void Settle(MpiCommunicator world, string? failure)
    {
        byte[][] outcomes = world.GatherAll(failure is null ? [] : Encoding.UTF8.GetBytes(failure));
        for (int rank = 0; rank < outcomes.Length; rank++)
        {
            string outcome = Encoding.UTF8.GetString(outcomes[rank]);
            if (outcome == Cancelled)
            {
                throw new OperationCanceledException();
            }

            if (outcome.Length > 0)
            {
                throw new RankFailedException($"rank {rank} of {outcomes.Length}: {outcome}");
            }
        }
    }

    /// <summary>Failures of the run's setup; anything else is a bug, which aborts the job instead.</summary>
    private static bool IsSetupFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or KeyNotFoundException
            or PlatformNotSupportedException or InsufficientMemoryException;
}
