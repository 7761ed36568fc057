using CrossShard.Core.Ids;

namespace CrossShard.Core.Collections;

/// <summary>
/// What was decided about the most recent transactions, up to a bound: once full, adding a transaction forgets the one
/// added longest ago (updating a remembered one does not move it). Keeps a long-running node's memory bounded while it
/// still answers late duplicates of anything within the window.
/// </summary>
public sealed class RecentMap<TValue>
{
    private readonly Dictionary<TxId, TValue> _values = [];
    private readonly Queue<TxId> _order = new();
    private readonly int _capacity;

    /// <summary>Creates a map that remembers at most <paramref name="capacity"/> transactions (0 remembers none).</summary>
    public RecentMap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
    }

    /// <summary>How many transactions are remembered.</summary>
    public int Count => _values.Count;

    /// <summary>What is remembered about <paramref name="tx"/>, if anything.</summary>
    public bool TryGet(TxId tx, out TValue value) => _values.TryGetValue(tx, out value!);

    /// <summary>Remembers <paramref name="value"/> unless <paramref name="tx"/> is already remembered.</summary>
    public void TryAdd(TxId tx, TValue value)
    {
        if (_capacity > 0 && _values.TryAdd(tx, value))
        {
            Admitted(tx);
        }
    }

    /// <summary>Remembers <paramref name="value"/>, replacing what was remembered about <paramref name="tx"/>.</summary>
    public void Set(TxId tx, TValue value)
    {
        if (_capacity == 0)
        {
            return;
        }

        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_values, tx, out var existed);
        slot = value;
        if (!existed)
        {
            Admitted(tx);
        }
    }

    private void Admitted(TxId tx)
    {
        _order.Enqueue(tx);
        while (_order.Count > _capacity)
        {
            _values.Remove(_order.Dequeue());
        }
    }
}
