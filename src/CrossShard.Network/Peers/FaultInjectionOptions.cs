namespace CrossShard.Network.Peers;

/// <summary>The starting faults of a <see cref="FaultInjectingEnvelopeNetwork"/>, e.g. bound from a node's configuration for a chaos run.</summary>
/// <remarks>Every setting can also be changed on the running network. Defaults inject nothing.</remarks>
public sealed record FaultInjectionOptions
{
    private readonly double _lossProbability;
    private readonly TimeSpan _extraDelay;
    private readonly TimeSpan _delayJitter;

    /// <summary>Chance that a sent envelope is dropped. Default 0; range 0..1.</summary>
    public double LossProbability
    {
        get => _lossProbability;
        init => _lossProbability = FaultInjectingEnvelopeNetwork.CheckProbability(value);
    }

    /// <summary>Fixed delay added to every sent envelope. Default 0; range 0..1 min.</summary>
    public TimeSpan ExtraDelay
    {
        get => _extraDelay;
        init => _extraDelay = FaultInjectingEnvelopeNetwork.CheckDelay(value);
    }

    /// <summary>Extra uniformly random delay on top of <see cref="ExtraDelay"/>, which can reorder envelopes. Default 0; range 0..1 min.</summary>
    public TimeSpan DelayJitter
    {
        get => _delayJitter;
        init => _delayJitter = FaultInjectingEnvelopeNetwork.CheckDelay(value);
    }

    /// <summary>Shards cut off from the start: every envelope to or from them is dropped. Default none.</summary>
    public IReadOnlyList<int> PartitionedShards { get; init; } = [];

    /// <summary>The seed of the dice, printed with a failing run so it can be replayed. Default 0.</summary>
    public int Seed { get; init; }
}
