namespace FastSgns.IO;

/// <summary>What a path names, as the file system reports it (symbolic links followed unless asked otherwise).</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,

    /// <summary>A type this code does not know; treated like a device.</summary>
    Other,
}
