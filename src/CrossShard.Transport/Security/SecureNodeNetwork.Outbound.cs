using System.Collections.Concurrent;
using CrossShard.Core.Ids;
using CrossShard.Core.Messages;
using CrossShard.Transport.Wire;

namespace CrossShard.Transport.Security;

/// <summary>The outbound side: one signing pump per node, paced, sealing everything queued for every peer per round.</summary>
public sealed partial class SecureNodeNetwork
{
    private readonly ConcurrentQueue<(ShardId To, ProtocolMessage Message)> _pending = new();
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

    /// <summary>Envelopes sealed and sent.</summary>
    public long EnvelopesSent => Interlocked.Read(ref _envelopesSent);

    /// <summary>Messages carried by those envelopes.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Signatures made (one per signing round, covering every envelope of the round).</summary>
    public long Signatures => Interlocked.Read(ref _signatures);

    /// <summary>Messages waiting for the next signing round.</summary>
    public int PendingMessages => _pending.Count;

    /// <inheritdoc />
    public void Send(ShardId from, ShardId to, IReadOnlyList<ProtocolMessage> batch)
    {
        if (to == _self)
        {
            _sink?.Deliver(_self, batch);
            return;
        }

        foreach (var message in batch)
        {
            _pending.Enqueue((to, message));
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
            if (SealRound())
            {
                lastStart = start;
                lastDuration = _time.GetElapsedTime(start);
            }
        }

        SealRound();
    }

    // Seals everything queued, one envelope per peer (more if a peer has more than an envelope holds), one signature.
    private bool SealRound()
    {
        if (_pending.IsEmpty)
        {
            return false;
        }

        var byPeer = new Dictionary<ShardId, List<byte[]>>();
        while (_pending.TryDequeue(out var item))
        {
            if (!byPeer.TryGetValue(item.To, out var encoded))
            {
                byPeer[item.To] = encoded = [];
            }

            encoded.Add(MessageCodec.Encode(item.Message));
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

            Interlocked.Add(ref _envelopesSent, envelopes.Length);
            Interlocked.Add(ref _messagesSent, messages);
            for (var i = 0; i < envelopes.Length; i++)
            {
                _wire.Send(_self, batches[i].To, envelopes[i]);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Losing a round is a message loss the protocol retries; a dead pump would lose every later one.
            TransportLog.SealFailed(_logger, ex, _self, batches.Count == 1 ? batches[0].To : new ShardId(-1));
        }

        return true;
    }
}
