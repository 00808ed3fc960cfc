using System.Text;

namespace FastSgns.Distributed;

/// <summary>
/// Every rank must run the same command: ranks trained with different options (an MPMD launch, a wrapper script
/// that varies its arguments) would average models of different shapes or schedules. The ranks gather their command
/// lines and each compares its own with rank 0's; the first difference fails the run on every rank.
/// </summary>
internal static class OptionsAgreement
{
    public static void Check(MpiCommunicator world, IReadOnlyList<string> arguments)
    {
        byte[][] all = world.GatherAll(Encoding.UTF8.GetBytes(string.Join('\0', arguments)));
        string[] reference = Encoding.UTF8.GetString(all[0]).Split('\0');
        for (int rank = 1; rank < all.Length; rank++)
        {
            string[] other = Encoding.UTF8.GetString(all[rank]).Split('\0');
            if (Difference(reference, other) is { } difference)
            {
                throw new RankFailedException($"rank {rank} of {all.Length} was started with different options from rank 0 ({difference}); every rank must run the same command.");
            }
        }
    }

    /// <summary>The first argument that differs, quoted, or null when the lists are equal.</summary>
    internal static string? Difference(string[] reference, string[] other)
    {
        int common = Math.Min(reference.Length, other.Length);
        for (int i = 0; i < common; i++)
        {
            if (reference[i] != other[i])
            {
                return $"argument {i + 1}: \"{other[i]}\" where rank 0 has \"{reference[i]}\"";
            }
        }

        return reference.Length == other.Length ? null
            : reference.Length > other.Length ? $"rank 0 has {reference.Length - common} more argument(s), from \"{reference[common]}\""
            : $"it has {other.Length - common} more argument(s), from \"{other[common]}\"";
    }
}
