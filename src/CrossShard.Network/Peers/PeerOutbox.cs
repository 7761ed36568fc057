namespace CrossShard.Network.Peers;

/// <summary>
/// The bounded queue of envelopes waiting for one peer: many producers (<see cref="TryEnqueue"/> never blocks),
/// one consumer (the link's writer). Bounded by count and by bytes so a peer that is down cannot exhaust memory.
/// </summary>
internal sealed class PeerOutbox(int maxEnvelopes, long maxBytes)
{
    private readonly Lock _lock = new();
    private readonly Queue<byte[]> _items = new();
    private long _bytes;
    private TaskCompletionSource? _waiter;

    /// <summary>Envelopes waiting.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Envelope bytes waiting.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Queues <paramref name="envelope"/> unless either bound would be exceeded.</summary>
    /// <returns>False when the queue is full (the envelope is not queued).</returns>
    public bool TryEnqueue(byte[] envelope)
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (_items.Count >= maxEnvelopes || _bytes + envelope.Length > maxBytes)
            {
                return false;
            }

            _items.Enqueue(envelope);
            _bytes += envelope.Length;
            wake = _waiter;
            _waiter = null;
        }

        // Completed outside the lock; the waiter's continuation runs asynchronously anyway.
        wake?.TrySetResult();
        return true;
    }

    /// <summary>Completes when at least one envelope is waiting. One consumer at a time.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_items.Count > 0)
            {
                return Task.CompletedTask;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Moves waiting envelopes into <paramref name="batch"/> in order while their framed size (4-byte prefix
    /// each) stays within <paramref name="maxFramedBytes"/>; always takes at least one if any is waiting.
    /// </summary>
    /// <returns>The framed size of the batch: the plaintext length of the record that carries it.</returns>
    public int TakeBatch(List<byte[]> batch, int maxFramedBytes)
    {
        var framed = 0;
        lock (_lock)
        {
            while (_items.TryPeek(out var next))
            {
                var size = PeerRecordFraming.FramedLength(next.Length);
                if (batch.Count > 0 && framed + size > maxFramedBytes)
                {
                    break;
                }

                _items.Dequeue();
                _bytes -= next.Length;
                batch.Add(next);
                framed += size;
            }
        }

        return framed;
    }
}
