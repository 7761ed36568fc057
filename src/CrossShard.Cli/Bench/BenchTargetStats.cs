namespace CrossShard.Cli.Bench;

/// <summary>Counters a target keeps about the traffic between its nodes.</summary>
/// <param name="Envelopes">Signed envelopes sent between nodes; 0 without signatures.</param>
/// <param name="SignedMessages">Messages those envelopes carried.</param>
/// <param name="RejectedEnvelopes">Envelopes a receiver refused (0 in a healthy run).</param>
/// <param name="MlDsaSignatures">Signatures made (one per signing round, covering that round's envelopes to every peer).</param>
public sealed record BenchTargetStats(long Envelopes, long SignedMessages, long RejectedEnvelopes, long MlDsaSignatures);
