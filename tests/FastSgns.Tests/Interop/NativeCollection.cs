namespace FastSgns.Tests.Interop;

/// <summary>The native library's path selection is process-wide, so its tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeCollection
{
    public const string Name = "native";
}
