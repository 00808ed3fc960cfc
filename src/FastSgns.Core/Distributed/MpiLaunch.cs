namespace FastSgns.Distributed;

/// <summary>
/// Whether this process was started by an MPI launcher (mpirun, mpiexec, srun with PMI): they all put the job's
/// size or this process's rank in the environment before the program starts, so this is known without loading MPI.
/// </summary>
internal static class MpiLaunch
{
    /// <summary>Open MPI's mpirun, then PMIx and PMI (MPICH's Hydra, Slurm) launchers.</summary>
    private static readonly string[] s_variables = ["OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"];

    /// <summary>"OMPI_COMM_WORLD_SIZE=3" for the first launcher variable set, or null when no launcher started this process.</summary>
    public static string? Evidence(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        foreach (string variable in s_variables)
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                return $"{variable}={value}";
            }
        }

        return null;
    }

    /// <summary>The job's size as the launcher announced it (Open MPI, PMI), or 0 when unknown.</summary>
    public static int AnnouncedSize(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        foreach (string variable in (string[])["OMPI_COMM_WORLD_SIZE", "PMI_SIZE"])
        {
            if (int.TryParse(environment(variable), out int size) && size > 0)
            {
                return size;
            }
        }

        return 0;
    }
}
