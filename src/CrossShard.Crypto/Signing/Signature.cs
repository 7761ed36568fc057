namespace CrossShard.Crypto.Signing;

/// <summary>An ML-DSA signature together with its algorithm; immutable.</summary>
/// <remarks>Binary encoding: one algorithm id byte followed by the FIPS 204 signature.</remarks>
public sealed class Signature : IEquatable<Signature>
{
    private readonly byte[] _value;

    private Signature(SignatureAlgorithm algorithm, byte[] value)
    {
        Algorithm = algorithm;
        _value = value;
    }

    /// <summary>The algorithm that produced the signature.</summary>
    public SignatureAlgorithm Algorithm { get; }

    /// <summary>The FIPS 204 signature bytes, without the algorithm id.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>Length of <see cref="Encode"/>'s output.</summary>
    public int EncodedLength => 1 + _value.Length;

    internal byte[] ValueArray => _value;

    /// <summary>Creates a signature from raw FIPS 204 bytes (copied).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown algorithm.</exception>
    /// <exception cref="CryptoFormatException">Wrong length for the algorithm.</exception>
    public static Signature Create(SignatureAlgorithm algorithm, ReadOnlySpan<byte> value)
    {
        SignatureAlgorithmInfo.ThrowIfUndefined(algorithm);
        if (value.Length != algorithm.GetSignatureSize())
        {
            throw new CryptoFormatException(
                CryptoFormatError.WrongLength,
                $"{algorithm.GetName()} signature is {algorithm.GetSignatureSize()} bytes; got {value.Length}.");
        }

        return new Signature(algorithm, value.ToArray());
    }

    /// <summary>Takes ownership of <paramref name="value"/> without copying; for signatures this library just made.</summary>
    internal static Signature Wrap(SignatureAlgorithm algorithm, byte[] value) => new(algorithm, value);

    /// <summary>Parses the binary encoding (algorithm id byte + signature).</summary>
    /// <exception cref="CryptoFormatException">Empty, unknown algorithm id, or wrong length.</exception>
    public static Signature Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new CryptoFormatException(CryptoFormatError.WrongLength, "Encoded signature is empty.");
        }

        return Create(SignatureAlgorithmInfo.FromId(encoded[0]), encoded[1..]);
    }

    /// <summary>The binary encoding: algorithm id byte followed by the signature.</summary>
    public byte[] Encode()
    {
        var encoded = new byte[EncodedLength];
        EncodeTo(encoded);
        return encoded;
    }

    /// <summary>Writes the binary encoding to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="EncodedLength"/>.</exception>
    public void EncodeTo(Span<byte> destination)
    {
        if (destination.Length < EncodedLength)
        {
            throw new ArgumentException($"Destination needs {EncodedLength} bytes.", nameof(destination));
        }

        destination[0] = (byte)Algorithm;
        _value.CopyTo(destination[1..]);
    }

    /// <inheritdoc/>
    public bool Equals(Signature? other) =>
        other is not null && Algorithm == other.Algorithm && _value.AsSpan().SequenceEqual(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Signature);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Algorithm);
        hash.AddBytes(_value.AsSpan(0, Math.Min(32, _value.Length)));
        return hash.ToHashCode();
    }
}
