using System.Security.Cryptography;

namespace CrossShard.Crypto.Signing;

/// <summary>Options for a signer: signing mode and randomness source.</summary>
public sealed record SigningOptions
{
    /// <summary>Hedged signing with the OS CSPRNG.</summary>
    public static SigningOptions Default { get; } = new();

    /// <summary>Signing mode. Default: <see cref="SigningMode.Hedged"/>.</summary>
    public SigningMode Mode { get; init; } = SigningMode.Hedged;

    /// <summary>
    /// Source of the 32-byte <c>rnd</c> for hedged signing. Default: null, meaning the OS CSPRNG. Tests inject a
    /// fixed source to reproduce known-answer vectors. Ignored in deterministic mode. Must be thread-safe if the
    /// signer is shared between threads.
    /// </summary>
    public RandomNumberGenerator? Random { get; init; }

    /// <summary>The signing code. Default: <see cref="SignerImplementation.Auto"/>; the others exist for comparison.</summary>
    public SignerImplementation Implementation { get; init; } = SignerImplementation.Auto;
}
