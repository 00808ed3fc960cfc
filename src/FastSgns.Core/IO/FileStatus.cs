using FastSgns.Interop;

namespace FastSgns.IO;

/// <summary>
/// A path's kind, identity and last status change. <see cref="Changed"/> tells one version of a file from the next:
/// a file renamed into place has a new inode and change time, so comparing statuses taken before and after a run
/// shows whether the run replaced it (inode numbers alone can be reused once the old file is gone).
/// </summary>
internal readonly record struct FileStatus(FileKind Kind, FileIdentity Identity, long Changed, long Special)
{
    public static readonly FileStatus Missing = new(FileKind.Missing, default, 0, 0);

    public bool Exists => Kind != FileKind.Missing;

    /// <summary>The status of <paramref name="path"/>, following symbolic links unless <paramref name="followLinks"/> is false.</summary>
    public static FileStatus Of(string path, bool followLinks = true)
    {
        string full = System.IO.Path.GetFullPath(path);
        switch (FileStatusCall.Query(full, followLinks, out FileStatusCall.StatxBuffer s))
        {
            case FileStatusCall.Outcome.Missing:
                return Missing;
            case FileStatusCall.Outcome.Found:
                ulong device = ((ulong)s.DeviceMajor << 32) | s.DeviceMinor;
                long special = ((long)s.SpecialMajor << 32) | s.SpecialMinor;
                return new(KindOf(s.Mode), new FileIdentity(device, s.Inode), s.ChangeSeconds * 1_000_000_000 + s.ChangeNanoseconds, special);
            default:
                return Portable(full, followLinks);
        }
    }

    /// <summary>Without statx: kind from .NET, identity from the path with its links resolved.</summary>
    private static FileStatus Portable(string full, bool followLinks)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is not null && !followLinks)
        {
            return new(FileKind.SymbolicLink, new FileIdentity(0, 0, full), 0, 0);
        }

        string resolved = info.LinkTarget is null ? full : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        FileKind kind = Directory.Exists(resolved) ? FileKind.Directory : File.Exists(resolved) ? FileKind.Regular : FileKind.Missing;
        return kind == FileKind.Missing ? Missing : new(kind, new FileIdentity(0, 0, resolved), File.GetLastWriteTimeUtc(resolved).Ticks, 0);
    }

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };
}
