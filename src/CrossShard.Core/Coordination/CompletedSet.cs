using CrossShard.Core.Ids;
using CrossShard.Core.Messages;

namespace CrossShard.Core.Coordination;

/// <summary>The decisions of the most recent finished transactions, evicted oldest first beyond a bound.</summary>
internal sealed class CompletedSet
{
    private readonly Dictionary<TxId, DecisionKind> _decisions = [];
    private readonly Queue<TxId> _order = new();
    private readonly int _capacity;

    public CompletedSet(int capacity)
    {
        _capacity = capacity;
    }

    public int Count => _decisions.Count;

    public bool TryGet(TxId tx, out DecisionKind decision) => _decisions.TryGetValue(tx, out decision);

    public void Add(TxId tx, DecisionKind decision)
    {
        if (_capacity == 0 || !_decisions.TryAdd(tx, decision))
        {
            return;
        }

        _order.Enqueue(tx);
        while (_order.Count > _capacity)
        {
            _decisions.Remove(_order.Dequeue());
        }
    }
}
