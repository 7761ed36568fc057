using CrossShard.Core.Coordination;
using CrossShard.Core.Effects;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Core.Transactions;

namespace CrossShard.Core.Tests;

/// <summary>Steps the coordinator tests share: submitting, and who a batch sent which kind of message to.</summary>
internal static class CoordinatorTestSteps
{
    /// <summary>Submits at time 0, asserts the coordinator accepted, and returns the id.</summary>
    public static TxId SubmitAccepted(this Coordinator coordinator, Transaction transaction, EffectBuffer fx)
    {
        var result = coordinator.Submit(transaction, TestData.Ms(0), fx);
        Assert.True(result.Accepted);
        return result.Tx;
    }

    /// <summary>The shards this batch sent a <typeparamref name="TMessage"/> to, in order.</summary>
    public static List<ShardId> RecipientsOf<TMessage>(this EffectBuffer fx)
        where TMessage : ProtocolMessage =>
        fx.Messages.Where(static m => m.Message is TMessage).Select(static m => m.To).ToList();
}
