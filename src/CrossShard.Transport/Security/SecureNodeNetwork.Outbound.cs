using System.Collections.Concurrent;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Transport.Wire;

namespace CrossShard.Transport.Security;

/// <summary>
/// The outbound side: one signing pump per node, paced, sealing everything queued for every peer per round. A batch
/// handed over before its log records are durable (<see cref="SendWhenDurable"/>) is sealed at once, but its round
/// leaves only when the latest such write has completed.
/// </summary>
public sealed partial class SecureNodeNetwork
{
    private readonly ConcurrentQueue<(ShardId To, ProtocolMessage Message, Task? Durable)> _pending = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly TimeProvider _time;
    private readonly SealPacing _pacing;
    private readonly ICpuLoad _cpuLoad;
    private readonly object _pumpGate = new();
    private CancellationTokenSource? _pumpStop;
    private Task? _pump;
    private int _wakePending;
    private long _envelopesSent;
    private long _messagesSent;
    private long _signatures;

    /// <summary>Envelopes sealed and sent (a round dropped because its write failed is not counted).</summary>
    public long EnvelopesSent => Interlocked.Read(ref _envelopesSent);

    /// <summary>Messages carried by those envelopes.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Signatures made (one per signing round, covering every envelope of the round).</summary>
    public long Signatures => Interlocked.Read(ref _signatures);

    /// <summary>Messages waiting for the next signing round.</summary>
    public int PendingMessages => _pending.Count;

    /// <inheritdoc />
    public void Send(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch) => Enqueue(to, batch, null);

    /// <inheritdoc />
    public void SendWhenDurable(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch, Task durable)
    {
        ArgumentNullException.ThrowIfNull(durable);
        Enqueue(to, batch, durable.IsCompletedSuccessfully ? null : durable);
    }

    private void Enqueue(ShardId to, IReadOnlyList<ProtocolMessage> batch, Task? durable)
    {
        if (to == _self)
        {
            // A node's messages to itself skip the wire (and the signature), but not the write they wait for.
            if (durable is null)
            {
                _sink?.Deliver(_self, batch);
            }
            else
            {
                durable.ContinueWith(
                    (write, state) =>
                    {
                        if (write.IsCompletedSuccessfully)
                        {
                            _sink?.Deliver(_self, (IReadOnlyList<ProtocolMessage>)state!);
                        }
                    },
                    batch,
                    CancellationToken.None,
                    TaskContinuationOptions.None,
                    TaskScheduler.Default);
            }

            return;
        }

        foreach (var message in batch)
        {
            _pending.Enqueue((to, message, durable));
        }

        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _wake.Release();
        }
    }

    private void StartPump()
    {
        lock (_pumpGate)
        {
            if (_pump is not null)
            {
                return;
            }

            _pumpStop = new CancellationTokenSource();
            var stop = _pumpStop.Token;
            _pump = Task.Run(() => PumpAsync(stop), CancellationToken.None);
        }
    }

    // Sends what is still queued (a stopping node's last acks and decisions are worth delivering), then ends the pump.
    private void StopPump()
    {
        Task? pump;
        lock (_pumpGate)
        {
            pump = _pump;
            _pumpStop?.Cancel();
            _pump = null;
        }

        if (pump is not null)
        {
            // The pump ends within one round; a stuck wire must not hold a stopping node forever.
            pump.Wait(TimeSpan.FromSeconds(5));
        }
    }

    private async Task PumpAsync(CancellationToken stop)
    {
        var lastStart = _time.GetTimestamp() - (long)_time.TimestampFrequency;
        var lastDuration = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(stop).ConfigureAwait(false);
                var delay = _pacing.DelayBeforeNext(_time.GetElapsedTime(lastStart), lastDuration, _cpuLoad.IdleFraction);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Reset before draining: a message queued from here on either makes this round or wakes the next one.
            Volatile.Write(ref _wakePending, 0);
            var start = _time.GetTimestamp();
            var round = SealRound();
            if (round is not null)
            {
                lastStart = start;
                lastDuration = _time.GetElapsedTime(start);
                await SendWhenDurableAsync(round.Value).ConfigureAwait(false);
            }
        }

        if (SealRound() is { } last)
        {
            await SendWhenDurableAsync(last).ConfigureAwait(false);
        }
    }

    // Puts a sealed round on the wire once the latest write its messages wait for is durable; drops it if that write
    // failed. The pump waits here, so rounds leave in the order they were sealed (sequence numbers stay in order).
    private async Task SendWhenDurableAsync((IReadOnlyList<(ShardId To, byte[] Envelope)> Envelopes, int Messages, Task? Durable) round)
    {
        if (round.Durable is { } durable)
        {
            try
            {
                await durable.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The records these messages announce were never written: they must not leave.
                TransportLog.RoundDropped(_logger, ex, _self, round.Envelopes.Count);
                return;
            }
        }

        Interlocked.Add(ref _envelopesSent, round.Envelopes.Count);
        Interlocked.Add(ref _messagesSent, round.Messages);
        foreach (var (to, envelope) in round.Envelopes)
        {
            _wire.Send(_self, to, envelope);
        }
    }

    // Seals everything queued, one envelope per peer (more if a peer has more than an envelope holds), one signature.
    // Returns the envelopes, how many messages they carry, and the write they must wait for (the newest pending one
    // among the messages: one node's writes complete in order), or null when nothing was queued.
    private (IReadOnlyList<(ShardId To, byte[] Envelope)> Envelopes, int Messages, Task? Durable)? SealRound()
    {
        if (_pending.IsEmpty)
        {
            return null;
        }

        var byPeer = new Dictionary<ShardId, List<byte[]>>();
        Task? durable = null;
        while (_pending.TryDequeue(out var item))
        {
            if (!byPeer.TryGetValue(item.To, out var encoded))
            {
                byPeer[item.To] = encoded = [];
            }

            encoded.Add(MessageCodec.Encode(item.Message));
            durable = item.Durable ?? durable;
        }

        var batches = new List<(ShardId To, IReadOnlyList<byte[]> Messages)>(byPeer.Count);
        var messages = 0;
        foreach (var (to, encoded) in byPeer)
        {
            messages += encoded.Count;
            for (var offset = 0; offset < encoded.Count; offset += _maxBatch)
            {
                batches.Add((to, encoded.GetRange(offset, Math.Min(_maxBatch, encoded.Count - offset))));
            }
        }

        try
        {
            var envelopes = _sealer.SealAll(batches);
            if (_sealer.Signs)
            {
                Interlocked.Increment(ref _signatures);
            }

            var sealedRound = new (ShardId To, byte[] Envelope)[envelopes.Length];
            for (var i = 0; i < envelopes.Length; i++)
            {
                sealedRound[i] = (batches[i].To, envelopes[i]);
            }

            return (sealedRound, messages, durable);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Losing a round is a message loss the protocol retries; a dead pump would lose every later one.
            TransportLog.SealFailed(_logger, ex, _self, batches.Count == 1 ? batches[0].To : new ShardId(-1));
            return ([], 0, null);
        }
    }
}
