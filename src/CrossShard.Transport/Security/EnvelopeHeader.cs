using CrossShard.Core.Ids;

namespace CrossShard.Transport.Security;

/// <summary>The signed header of an envelope: who sends to whom, in which cluster, in which sender epoch, with which per-link sequence number.</summary>
/// <param name="ClusterId">The cluster both nodes belong to.</param>
/// <param name="Sender">The sending node.</param>
/// <param name="Receiver">The node the envelope is for.</param>
/// <param name="Epoch">The sender's epoch (a new one after every restart), so sequence numbers can start over safely.</param>
/// <param name="Sequence">Per (sender, receiver, epoch) number, strictly increasing from 1.</param>
/// <param name="Count">Number of messages in the envelope.</param>
public sealed record EnvelopeHeader(string ClusterId, ShardId Sender, ShardId Receiver, ulong Epoch, ulong Sequence, int Count);
