namespace FastSgns.IO;

/// <summary>
/// The files one run reads and writes, checked against each other before any work: no output may be an input or
/// another output, by file identity (device and inode, after symbolic links and "..": "c.txt", "./c.txt", a link to
/// it and a hard link are one file), and no output may lie in an input directory, whose files the next run would read
/// as text. Roles (the CLI's option names) only label the messages.
/// </summary>
internal sealed class RunFiles
{
    private readonly List<(string Role, string Path, FileStatus Status)> _inputs = [];
    private readonly List<(string Role, OutputTarget Target)> _outputs = [];

    public IReadOnlyList<OutputTarget> Outputs => [.. _outputs.Select(o => o.Target)];

    /// <summary>An input file or directory; a missing one is left for its reader to report.</summary>
    public void AddInput(string role, string? path)
    {
        if (!string.IsNullOrEmpty(path) && FileStatus.Of(path) is { Exists: true } status)
        {
            _inputs.Add((role, path, status));
        }
    }

    public void AddInputs(string role, IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            AddInput(role, path);
        }
    }

    /// <summary>An output, resolved at once by <see cref="OutputTarget.Resolve"/> (which refuses unusable paths).</summary>
    public OutputTarget AddOutput(string role, string path, bool allowDiscard = true)
    {
        OutputTarget target = OutputTarget.Resolve(path, role, allowDiscard);
        _outputs.Add((role, target));
        return target;
    }

    /// <summary>Throws an <see cref="IOException"/> naming both files at the first output that clashes.</summary>
    public void Check()
    {
        for (int i = 0; i < _outputs.Count; i++)
        {
            (string role, OutputTarget output) = _outputs[i];
            if (output.Discards)
            {
                continue;
            }

            foreach ((string inputRole, string inputPath, FileStatus input) in _inputs)
            {
                if (input.Kind == FileKind.Directory && input.Identity == output.Directory.Identity)
                {
                    throw new IOException($"{output.Requested}: {role} would be written inside the input directory {inputPath} ({inputRole}), " +
                                          "whose files the next run would read as text. Write it elsewhere.");
                }

                if (output.Before.Exists && input.Identity == output.Before.Identity)
                {
                    throw new IOException($"{output.Requested}: {role} is the same file as {inputRole} {inputPath}; writing it would destroy that input. " +
                                          "Choose another path.");
                }
            }

            for (int j = 0; j < i; j++)
            {
                (string otherRole, OutputTarget other) = _outputs[j];
                if (!other.Discards && other.Key == output.Key)
                {
                    throw new IOException($"{output.Requested}: {role} and {otherRole} ({other.Requested}) name the same file; each output needs a path of its own.");
                }
            }
        }
    }
}
