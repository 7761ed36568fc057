namespace CrossShard.Core.Ids;

/// <summary>Identifies one shard (and the node that owns it) within a cluster.</summary>
public readonly record struct ShardId(int Value) : IComparable<ShardId>
{
    /// <inheritdoc />
    public int CompareTo(ShardId other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => $"shard-{Value}";
}
