using System.Collections.Concurrent;

namespace CrossShard.Transport;

/// <summary>
/// A queue whose items are handed, in order, to a handler that never runs twice at once: work for different queues
/// runs in parallel on the thread pool, work for one queue stays in order. The handler gets everything queued so
/// far in one call, so batches grow by themselves while the previous batch is being processed.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class SerialWorkQueue<T>
{
    private readonly ConcurrentQueue<T> _items = new();
    private readonly Action<List<T>> _handler;
    private readonly int _maxBatch;
    private int _scheduled;

    /// <summary>Creates the queue; <paramref name="handler"/> receives up to <paramref name="maxBatch"/> items per call.</summary>
    public SerialWorkQueue(Action<List<T>> handler, int maxBatch)
    {
        _handler = handler;
        _maxBatch = maxBatch;
    }

    /// <summary>Handler calls that threw (their batch is lost; senders retry what matters).</summary>
    public long Failures { get; private set; }

    /// <summary>Items waiting.</summary>
    public int Count => _items.Count;

    /// <summary>Queues <paramref name="item"/> and makes sure a drain is scheduled.</summary>
    public void Enqueue(T item)
    {
        _items.Enqueue(item);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static q => q.Drain(), this, preferLocal: false);
        }
    }

    private void Drain()
    {
        var batch = new List<T>();
        while (true)
        {
            while (batch.Count < _maxBatch && _items.TryDequeue(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count > 0)
            {
                try
                {
                    _handler(batch);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A handler must not kill the process from a pool thread, nor leave the queue marked busy forever.
                    Failures++;
                }

                batch = [];
                continue;
            }

            // A full fence: the emptiness check below must not be ordered before the reset.
            Interlocked.Exchange(ref _scheduled, 0);
            // An item queued between the last dequeue and the reset would otherwise wait for the next Enqueue.
            if (_items.IsEmpty || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
            {
                return;
            }
        }
    }
}
