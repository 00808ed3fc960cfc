namespace FastSgns.IO;

/// <summary>
/// Where an output really goes, decided before any work. The rules (README "Outputs", Reliability catalogue):
/// an output is a regular file, or a name not yet taken in an existing directory. A symbolic link is written through:
/// the new file is renamed over the link's final target and the link stays (a dangling link creates its target).
/// The null device discards the output (when the caller allows it): nothing is written. Everything else is refused,
/// because an output is written to a temporary file and renamed into place, which would replace a FIFO, socket or
/// device node by a regular file: directories, FIFOs, sockets and devices other than the null device.
/// </summary>
internal sealed class OutputTarget
{
    private static readonly Lazy<long> s_nullDevice = new(() => FileStatus.Of("/dev/null") is { Kind: FileKind.CharacterDevice } s ? s.Special : -1);

    private OutputTarget(string requested, string fullPath, FileStatus before, FileStatus directory)
    {
        Requested = requested;
        FullPath = fullPath;
        Before = before;
        Directory = directory;
    }

    /// <summary>The path as given, for messages.</summary>
    public string Requested { get; }

    /// <summary>The file to replace: the full path with any symbolic link at its end resolved.</summary>
    public string FullPath { get; }

    /// <summary>The target as it was when resolved (Missing for a new file).</summary>
    public FileStatus Before { get; }

    /// <summary>The directory the target is (or will be) in.</summary>
    public FileStatus Directory { get; }

    /// <summary>The output goes to the null device: write nothing.</summary>
    public bool Discards => Before.Kind == FileKind.CharacterDevice;

    public FileKey Key => Before.Exists ? new FileKey(Before.Identity) : new FileKey(Directory.Identity, Path.GetFileName(FullPath));

    /// <summary>Resolves <paramref name="path"/> by the rules above; <paramref name="role"/> names it in errors.</summary>
    public static OutputTarget Resolve(string path, string role = "the output", bool allowDiscard = true)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{role}: the path is empty; give a file name.");
        }

        string full = Path.GetFullPath(path);
        if (FileStatus.Of(full, followLinks: false).Kind == FileKind.SymbolicLink)
        {
            full = ResolveLink(path, full);
        }

        FileStatus before = FileStatus.Of(full);
        switch (before.Kind)
        {
            case FileKind.Directory:
                throw new IOException($"{path}: is a directory; {role} needs a file path.");
            case FileKind.Missing when Path.EndsInDirectorySeparator(path):
                throw new IOException($"{path}: names a directory (it ends in '/'); {role} needs a file path.");
            case FileKind.CharacterDevice when allowDiscard && before.Special == s_nullDevice.Value:
            case FileKind.Regular:
            case FileKind.Missing:
                break;
            default:
                throw new IOException($"{path}: is a {Describe(before.Kind)}, not a regular file; {role} is written to a temporary file and renamed " +
                                      $"into place, which would replace it. Give a regular file's path{(allowDiscard ? " (or /dev/null to discard it)" : "")}.");
        }

        string directory = Path.GetDirectoryName(full) ?? full;
        FileStatus parent = FileStatus.Of(directory);
        if (parent.Kind != FileKind.Directory)
        {
            throw new DirectoryNotFoundException($"{path}: the output directory {directory} does not exist.");
        }

        return new OutputTarget(path, full, before, parent);
    }

    /// <summary>The link's final target, absolute; links chained or relative to their own directory are followed as the kernel would.</summary>
    private static string ResolveLink(string path, string full)
    {
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException e)
        {
            throw new IOException($"{path}: the symbolic link cannot be followed ({e.Message})", e);
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "FIFO (named pipe)",
        FileKind.Socket => "socket",
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        _ => "special file",
    };
}
