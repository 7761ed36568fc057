using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CrossShard.Network.Client;

/// <summary>Settings of a <see cref="CrossShardClient"/>; every property has a default fit for a LAN.</summary>
public sealed record CrossShardClientOptions
{
    /// <summary>The longest any one call may take, waiting for an outcome included (1 ms..1 hour). Default 30 s.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What a submission does at a node's in-flight limit: true waits for a slot, false fails at once with
    /// <see cref="Node.Runtime.NodeBusyException"/>. Default true.
    /// </summary>
    public bool WaitIfBusy { get; init; } = true;

    /// <summary>Draws the nonce of each transfer built by <see cref="CrossShardClient.SubmitTransferAsync"/>; 64 bits from the OS generator by default.</summary>
    public Func<ulong> NextNonce { get; init; } = static () => BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// Which node coordinates a transaction: false (the default) the owner of its first operation; true the participant
    /// last in shard order. Set it for a cluster whose nodes run the ordered lock policy: that coordinator takes its own
    /// locks within the batch that decides, so it holds them for no round trip.
    /// </summary>
    public bool CoordinateAtLastParticipant { get; init; }

    /// <summary>The clock call deadlines are computed from. Default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range; returns these options otherwise.</summary>
    public CrossShardClientOptions Validate()
    {
        if (CallTimeout < TimeSpan.FromMilliseconds(1) || CallTimeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"{nameof(CallTimeout)} must be between 1 ms and 1 hour, got {CallTimeout}");
        }

        ArgumentNullException.ThrowIfNull(NextNonce);
        ArgumentNullException.ThrowIfNull(Time);
        return this;
    }
}
