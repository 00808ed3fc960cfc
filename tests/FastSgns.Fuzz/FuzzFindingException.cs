namespace FastSgns.Fuzz;

/// <summary>A broken invariant: deliberately not an <see cref="InvalidDataException"/>, so no target swallows it.</summary>
public sealed class FuzzFindingException(string message) : Exception(message);
