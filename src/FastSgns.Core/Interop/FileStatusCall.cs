using System.Runtime.InteropServices;

namespace FastSgns.Interop;

/// <summary>
/// statx(2), the one way to learn a file's device, inode and type on Linux (.NET exposes neither). statx is used
/// rather than stat because its buffer has one layout on every architecture; only the fields read here are declared.
/// </summary>
internal static partial class FileStatusCall
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const int NoFollow = 0x100;        // AT_SYMLINK_NOFOLLOW
    private const uint BasicStats = 0x7ff;      // STATX_BASIC_STATS
    private const int NoSuchFile = 2;          // ENOENT
    private const int NotADirectory = 20;      // ENOTDIR

    public enum Outcome
    {
        Found,
        Missing,
        Unavailable,
    }

    /// <summary>Fills <paramref name="status"/> for <paramref name="path"/>; Unavailable off Linux or where statx is blocked.</summary>
    public static Outcome Query(string path, bool followLinks, out StatxBuffer status)
    {
        status = default;
        if (!OperatingSystem.IsLinux())
        {
            return Outcome.Unavailable;
        }

        try
        {
            if (Statx(CurrentDirectory, path, followLinks ? 0 : NoFollow, BasicStats, out status) == 0)
            {
                return Outcome.Found;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Outcome.Unavailable;
        }

        int error = Marshal.GetLastPInvokeError();
        return error is NoSuchFile or NotADirectory ? Outcome.Missing
            : error == 38 /* ENOSYS: a sandbox without statx */ ? Outcome.Unavailable
            : throw new IOException($"{path}: cannot read the file's status (errno {error}).");
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer status);

    /// <summary>struct statx (256 bytes); the offsets are the kernel's, the same on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct StatxBuffer
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(96)] public long ChangeSeconds;
        [FieldOffset(104)] public uint ChangeNanoseconds;
        [FieldOffset(128)] public uint SpecialMajor;
        [FieldOffset(132)] public uint SpecialMinor;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;
    }
}
