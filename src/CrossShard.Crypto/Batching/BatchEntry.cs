using CrossShard.Crypto.Signing;

namespace CrossShard.Crypto.Batching;

/// <summary>One message in a signed batch, with the context it would have been signed under on its own.</summary>
/// <remarks>
/// The context is hashed into the message's leaf, so batching keeps the per-kind domain separation: a Vote in
/// a batch can never be passed off as a Decision.
/// </remarks>
/// <param name="Context">The message kind's context, e.g. <see cref="SignatureContext.Vote"/>.</param>
/// <param name="Message">The message bytes.</param>
public readonly record struct BatchEntry(SignatureContext Context, ReadOnlyMemory<byte> Message);
