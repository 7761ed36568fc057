using CrossShard.Node.Embedded;
using CrossShard.Transport.Security;

namespace CrossShard.Cli.Measurement;

/// <summary>What the signed envelopes between an embedded cluster's nodes carried, and how many a receiver refused.</summary>
/// <param name="Envelopes">Signed envelopes sent (0 with signatures off, whose envelopes are unsigned).</param>
/// <param name="SignedMessages">Messages those envelopes carried.</param>
/// <param name="Rejected">Envelopes a receiver refused (0 in a healthy run).</param>
/// <param name="Signatures">ML-DSA signatures made: one per signing round, covering the round's envelopes to every peer.</param>
public readonly record struct EnvelopeStats(long Envelopes, long SignedMessages, long Rejected, long Signatures)
{
    /// <summary>The totals over every node of <paramref name="cluster"/>; all zero when signatures are off.</summary>
    public static EnvelopeStats Of(EmbeddedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        long envelopes = 0, messages = 0, rejected = 0, signatures = 0;
        foreach (var node in cluster.Nodes)
        {
            if (node.Network is SecureNodeNetwork secure)
            {
                rejected += secure.Rejections.Totals.Values.Sum();
                if (secure.Signs)
                {
                    envelopes += secure.EnvelopesSent;
                    messages += secure.MessagesSent;
                    signatures += secure.Signatures;
                }
            }
        }

        return new EnvelopeStats(envelopes, messages, rejected, signatures);
    }
}
