using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace LoopbackTools.Hosts;

/// <summary>
/// A read-only list whose items are made on first access and then kept, so a caller that filters
/// a large document pays only for the items it touches, and the same index always gives the same object.
/// </summary>
internal sealed class LazyList<T> : IReadOnlyList<T>
    where T : class
{
    private readonly Func<int, T> _create;
    private T?[]? _items;

    public LazyList(int count, Func<int, T> create)
    {
        Count = count;
        _create = create;
    }

    public int Count { get; }

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            var items = _items ?? Interlocked.CompareExchange(ref _items, new T?[Count], null) ?? _items!;
            return items[index] ?? Interlocked.CompareExchange(ref items[index], _create(index), null) ?? items[index]!;
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
