namespace FastSgns.Checkpoints;

/// <summary>
/// One file format built on the checksummed section frame that <see cref="CheckpointWriter"/> writes and
/// <see cref="CheckpointReader"/> checks: its opening and closing magic, its version, what it is called in messages and
/// what the user is told to do about damage. The checkpoint (<see cref="CheckpointFormat"/>) and the full model file
/// (<see cref="ModelFileFormat"/>) share the frame and differ only here.
/// </summary>
/// <param name="Magic">The 8 ASCII bytes the file starts with.</param>
/// <param name="EndMagic">The 8 ASCII bytes after the last section, so a file cut right after a section is still seen as cut.</param>
/// <param name="Version">The format version this build writes (and the newest it reads).</param>
/// <param name="Noun">What the file is called in messages ("checkpoint", "model file").</param>
/// <param name="Advice">What to do about a damaged or foreign file, ending the message.</param>
/// <param name="ShowsPositions">Whether damage inside a section names the byte offset where the section starts.</param>
/// <param name="OldestVersion">The oldest version this build still reads; 0: only <paramref name="Version"/>.</param>
internal sealed record SectionedFormat(string Magic, string EndMagic, int Version, string Noun, string Advice, bool ShowsPositions, int OldestVersion = 0)
{
    /// <summary>The oldest version read: <see cref="OldestVersion"/> when set, else <see cref="Version"/> alone.</summary>
    public int OldestReadable => OldestVersion > 0 ? OldestVersion : Version;

    /// <summary>"format 5" or "formats 1 to 2", for messages about versions.</summary>
    public string ReadableVersions => OldestReadable == Version ? $"format {Version}" : $"formats {OldestReadable} to {Version}";

    /// <summary>"PATH: the NOUN is damaged: WHY; ADVICE." — the one shape of every damage report.</summary>
    public InvalidDataException Damaged(string path, string why) => new($"{path}: the {Noun} is damaged: {why}; {Advice}.");

    /// <summary>Damage inside a section, named (and, when the format shows positions, located by the section's first payload byte).</summary>
    public InvalidDataException Damaged(string path, string section, long position, string why) =>
        Damaged(path, ShowsPositions ? $"section {section} (payload from byte {position}) {why}" : $"section {section} {why}");
}
