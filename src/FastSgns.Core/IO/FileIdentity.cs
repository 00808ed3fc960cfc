namespace FastSgns.IO;

/// <summary>
/// Which file a path names: device and inode on Linux, so that "c.txt", "./c.txt", "../d/c.txt", a symbolic link to
/// it and a hard link all compare equal, as they must when an output is checked against the inputs. Where the file
/// system cannot be asked (off Linux), <see cref="Path"/> holds the resolved full path instead and the numbers are 0.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode, string? Path = null)
{
    public override string ToString() => Path ?? $"device {Device >> 32}:{Device & uint.MaxValue}, inode {Inode}";
}
