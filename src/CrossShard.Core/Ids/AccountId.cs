namespace CrossShard.Core.Ids;

/// <summary>Names an account. Ids are printable UTF-8 without control characters, at most <see cref="MaxBytes"/> bytes.</summary>
public readonly record struct AccountId
{
    /// <summary>The longest account id accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 128;

    /// <summary>Creates an account id; use <see cref="TryCreate"/> for untrusted input.</summary>
    public AccountId(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"invalid account id '{value}': 1..{MaxBytes} UTF-8 bytes, no control characters", nameof(value));
        }

        Value = value;
    }

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <summary>Creates an account id from untrusted text, or returns false.</summary>
    public static bool TryCreate(string? value, out AccountId id)
    {
        if (value is null || !IsValid(value))
        {
            id = default;
            return false;
        }

        id = new AccountId(value);
        return true;
    }

    /// <summary>True when <paramref name="value"/> is a well-formed account id.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || System.Text.Encoding.UTF8.GetByteCount(value) > MaxBytes)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
