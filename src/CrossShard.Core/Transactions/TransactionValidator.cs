using CrossShard.Core.Ids;

namespace CrossShard.Core.Transactions;

/// <summary>Checks the shape of a transaction before it enters the protocol: everything that can be known without reading any shard's state.</summary>
public static class TransactionValidator
{
    /// <summary>Returns the first problem found in <paramref name="tx"/>, or <see cref="TransactionError.None"/>.</summary>
    public static TransactionError Validate(Transaction tx, ShardMap map)
    {
        var ops = tx.Operations;
        if (ops.Length == 0)
        {
            return TransactionError.EmptyOperations;
        }

        if (ops.Length > TransactionCodec.MaxOperations)
        {
            return TransactionError.TooManyOperations;
        }

        long debits = 0;
        long credits = 0;
        for (var i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            var error = ValidateOne(op, map);
            if (error != TransactionError.None)
            {
                return error;
            }

            for (var j = 0; j < i; j++)
            {
                // Anchor keys are per shard: the same key on two shards is two different keys.
                if (ops[j].LockKey == op.LockKey && (op.IsAccountOperation || ops[j].AnchorShard == op.AnchorShard))
                {
                    var debitAndCredit = ops[j].IsAccountOperation && ops[j].Kind != op.Kind;
                    return debitAndCredit ? TransactionError.SelfTransfer : TransactionError.DuplicateKey;
                }
            }

            var overflow = op.Kind switch
            {
                OperationKind.Debit => !TryAdd(ref debits, op.Amount),
                OperationKind.Credit => !TryAdd(ref credits, op.Amount),
                _ => false,
            };
            if (overflow)
            {
                return TransactionError.AmountOverflow;
            }
        }

        return debits == credits ? TransactionError.None : TransactionError.Unbalanced;
    }

    private static TransactionError ValidateOne(Operation op, ShardMap map)
    {
        switch (op.Kind)
        {
            case OperationKind.Debit or OperationKind.Credit:
                if (!AccountId.IsValid(op.Key))
                {
                    return TransactionError.InvalidAccountId;
                }

                return op.Amount <= 0 ? TransactionError.NonPositiveAmount : TransactionError.None;
            case OperationKind.Anchor:
                if (!AccountId.IsValid(op.Key))
                {
                    return TransactionError.InvalidAccountId;
                }

                if (op.Amount != 0)
                {
                    return TransactionError.MalformedOperation;
                }

                return map.Contains(op.AnchorShard) ? TransactionError.None : TransactionError.UnknownShard;
            default:
                return TransactionError.MalformedOperation;
        }
    }

    private static bool TryAdd(ref long total, long amount)
    {
        var sum = unchecked(total + amount);
        // Both operands are positive here, so a wrap shows as a sum below either one.
        if (sum < total)
        {
            return false;
        }

        total = sum;
        return true;
    }
}
