using CrossShard.Cli.Workload;
using CrossShard.Core.Transactions;

namespace CrossShard.Cli.Bench;

/// <summary>The funded accounts of a run and the shard each lives on (SHA3-256 of its name, mod the shard count).</summary>
internal sealed class BenchAccounts
{
    private readonly int[] _shardOf;
    private readonly int[] _positionOnShard;
    private readonly int[][] _byShard;

    public BenchAccounts(int count, ShardMap map)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(map);
        Names = new string[count];
        _shardOf = new int[count];
        _positionOnShard = new int[count];
        var counts = new int[map.ShardCount];
        for (var i = 0; i < count; i++)
        {
            Names[i] = AccountNames.Of(i);
            var shard = map.ShardOf(Names[i]).Value;
            _shardOf[i] = shard;
            _positionOnShard[i] = counts[shard]++;
        }

        _byShard = counts.Select(static n => new int[n]).ToArray();
        for (var i = 0; i < count; i++)
        {
            _byShard[_shardOf[i]][_positionOnShard[i]] = i;
        }
    }

    /// <summary>The account names, by account number.</summary>
    public string[] Names { get; }

    /// <summary>Number of accounts.</summary>
    public int Count => Names.Length;

    /// <summary>Number of shards.</summary>
    public int ShardCount => _byShard.Length;

    /// <summary>The shard account <paramref name="account"/> lives on.</summary>
    public int ShardOf(int account) => _shardOf[account];

    /// <summary>Where account <paramref name="account"/> sits in <see cref="OnShard"/> of its shard.</summary>
    public int PositionOnShard(int account) => _positionOnShard[account];

    /// <summary>The accounts living on <paramref name="shard"/>, ascending.</summary>
    public ReadOnlySpan<int> OnShard(int shard) => _byShard[shard];
}
