using System.Security.Cryptography;

namespace CrossShard.Crypto.Lattice;

/// <summary>The message representative μ = H(tr ‖ M′, 64) of pure ML-DSA, with M′ = 0 ‖ |ctx| ‖ ctx ‖ M (FIPS 204 Algorithms 2, 3, 7, 8).</summary>
internal static class MessageRepresentative
{
    /// <summary>Writes μ (64 bytes) for <paramref name="message"/> under <paramref name="context"/> (at most 255 bytes).</summary>
    public static void Compute(ReadOnlySpan<byte> publicKeyHash, ReadOnlySpan<byte> context, ReadOnlySpan<byte> message, Span<byte> mu)
    {
        using var hash = new Shake256();
        hash.AppendData(publicKeyHash);
        ReadOnlySpan<byte> prefix = [0, (byte)context.Length];
        hash.AppendData(prefix);
        hash.AppendData(context);
        hash.AppendData(message);
        hash.GetHashAndReset(mu);
    }

    /// <summary>μ = H(tr ‖ M′, 64) for an already framed M′ (the internal interface, Algorithms 7 and 8).</summary>
    public static void ComputeFramed(ReadOnlySpan<byte> publicKeyHash, ReadOnlySpan<byte> framedMessage, Span<byte> mu)
    {
        using var hash = new Shake256();
        hash.AppendData(publicKeyHash);
        hash.AppendData(framedMessage);
        hash.GetHashAndReset(mu);
    }
}
