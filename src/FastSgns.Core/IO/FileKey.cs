namespace FastSgns.IO;

/// <summary>
/// What two paths must share to be one file: the file's identity when it exists, else its directory's identity and
/// its name (two outputs not yet written clash when they would be created under one name in one directory).
/// </summary>
internal readonly record struct FileKey(FileIdentity Identity, string? NewName = null);
