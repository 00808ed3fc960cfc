using System.Buffers;

namespace FastSgns;

/// <summary>
/// Scratch for one query: the caller's stack buffer when it is long enough, else an array from the shared pool,
/// returned on <see cref="Dispose"/>. Keeps the span queries allocation-free for the usual few words and dims while
/// still answering a query of any size.
/// </summary>
internal ref struct QueryScratch<T>
    where T : unmanaged
{
    private T[]? _rented;

    /// <summary>Uses <paramref name="stack"/> if it holds <paramref name="length"/> items, else rents.</summary>
    public QueryScratch(Span<T> stack, int length)
    {
        if (length <= stack.Length)
        {
            Span = stack[..length];
        }
        else
        {
            _rented = ArrayPool<T>.Shared.Rent(length);
            Span = _rented.AsSpan(0, length);
        }
    }

    /// <summary>Exactly the length asked for.</summary>
    public Span<T> Span { get; private set; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<T>.Shared.Return(_rented);
            _rented = null;
            Span = default;
        }
    }
}
