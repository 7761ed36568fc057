using CrossShard.Core.Ids;
using CrossShard.Core.Transactions;

namespace CrossShard.Simulation;

/// <summary>The simulated clients: transfers with tunable contention and cross-shard ratio, multi-shard and invalid transactions.</summary>
public sealed partial class Simulator
{
    private static string AccountName(int index) => $"acct-{index}";

    private void Submit(int index)
    {
        var transaction = Generate(index);
        var coordinator = _nodes[_random.Next(_nodes.Length)];
        if (!coordinator.IsUp)
        {
            // The client could not reach its coordinator; nothing was submitted.
            Count("submission-to-down-node");
            return;
        }

        _checker.RecordSubmitted(transaction);
        var result = coordinator.Protocol!.Coordinator.Submit(transaction, _now, _fx);
        if (result.Accepted)
        {
            _waitingClients[result.Tx] = coordinator.Shard;
        }
        else
        {
            _checker.RecordRefused(transaction);
        }

        Flush(coordinator);
    }

    private Transaction Generate(int index)
    {
        var nonce = (ulong)index;
        var from = _random.Next(_options.Accounts);
        var roll = _random.Next(100);
        if (roll < _options.InvalidPercent)
        {
            return Transaction.Transfer(nonce, new AccountId(AccountName(from)), new AccountId(AccountName(from)), 1);
        }

        var amount = 1 + _random.Next((int)Math.Min(_options.InitialBalance / 2, int.MaxValue - 1));
        if (roll < _options.InvalidPercent + _options.MultiShardPercent && _options.Accounts >= 3)
        {
            var b = PickOther(from, crossShard: true);
            var c = PickOther(from, crossShard: true, also: b);
            var half = Math.Max(1, amount / 2);
            return new Transaction(nonce,
            [
                Operation.Debit(new AccountId(AccountName(from)), half * 2),
                Operation.Credit(new AccountId(AccountName(b)), half),
                Operation.Credit(new AccountId(AccountName(c)), half),
            ]);
        }

        var to = PickOther(from, crossShard: _random.Next(100) < _options.CrossShardPercent);
        return Transaction.Transfer(nonce, new AccountId(AccountName(from)), new AccountId(AccountName(to)), amount);
    }

    // A different account, on another shard when asked and possible; a few tries keep it cheap.
    private int PickOther(int from, bool crossShard, int also = -1)
    {
        var fromShard = _map.ShardOf(AccountName(from));
        var pick = (from + 1) % _options.Accounts;
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var candidate = _random.Next(_options.Accounts);
            if (candidate == from || candidate == also)
            {
                continue;
            }

            pick = candidate;
            if (!crossShard || _map.ShardOf(AccountName(candidate)) != fromShard)
            {
                break;
            }
        }

        return pick == also ? (pick + 1) % _options.Accounts == from ? (pick + 2) % _options.Accounts : (pick + 1) % _options.Accounts : pick;
    }
}
