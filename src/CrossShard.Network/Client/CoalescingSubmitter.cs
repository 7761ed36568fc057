using CrossShard.Core.Messages;
using CrossShard.Node.Api;

namespace CrossShard.Network.Client;

/// <summary>
/// Lets many callers submit one transaction each while the wire carries them in <c>SubmitBatch</c> calls: submissions
/// for the same coordinator queue up while that node's calls are in flight, and each call takes what has queued (up
/// to a batch). An idle submitter sends at once — a lone transaction goes alone — so batching costs no latency and
/// grows with load, and the per-call cost of gRPC and HTTP/2 is paid once per batch instead of once per transaction.
/// </summary>
/// <remarks>
/// Outcomes and typed errors are those of <see cref="CrossShardClient.SubmitAsync"/>. Cancelling a caller's token stops
/// that caller waiting; a transaction already sent is not withdrawn (its outcome can be asked later), as with a
/// cancelled unary call.
/// </remarks>
public sealed class CoalescingSubmitter
{
    private readonly CrossShardClient _client;
    private readonly ShardQueue[] _queues;
    private long _calls;
    private long _sent;

    /// <summary>Submits through <paramref name="client"/>.</summary>
    /// <param name="client">The cluster's client.</param>
    /// <param name="maxBatch">Most transactions per call (1..<see cref="ClientProtocol.MaxSubmitBatch"/>).</param>
    /// <param name="callsPerNode">Most calls in flight to one node at a time; while they are, submissions queue.</param>
    public CoalescingSubmitter(CrossShardClient client, int maxBatch = 256, int callsPerNode = 2)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBatch, ClientProtocol.MaxSubmitBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(callsPerNode, 1);
        _client = client;
        MaxBatch = maxBatch;
        CallsPerNode = callsPerNode;
        _queues = [.. Enumerable.Range(0, client.ShardMap.ShardCount).Select(static _ => new ShardQueue())];
    }

    /// <summary>Most transactions per call.</summary>
    public int MaxBatch { get; }

    /// <summary>Most calls in flight to one node.</summary>
    public int CallsPerNode { get; }

    /// <summary><c>SubmitBatch</c> calls made so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Transactions sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Submits <paramref name="transaction"/> and returns its outcome (see <see cref="CrossShardClient.SubmitAsync"/>).</summary>
    public Task<TransactionOutcome> SubmitAsync(CrossShardTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var queue = _queues[_client.CoordinatorOf(transaction).Value];
        var pending = new Pending(transaction);
        bool startCall;
        lock (queue)
        {
            queue.Waiting.Enqueue(pending);
            startCall = queue.Calls < CallsPerNode;
            if (startCall)
            {
                queue.Calls++;
            }
        }

        if (startCall)
        {
            _ = Task.Run(() => SendWhileQueuedAsync(queue), CancellationToken.None);
        }

        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    /// <summary>One call slot of a node: sends what has queued, again and again, until nothing has.</summary>
    private async Task SendWhileQueuedAsync(ShardQueue queue)
    {
        while (true)
        {
            Pending[] batch;
            lock (queue)
            {
                if (queue.Waiting.Count == 0)
                {
                    queue.Calls--;
                    return;
                }

                batch = new Pending[Math.Min(queue.Waiting.Count, MaxBatch)];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = queue.Waiting.Dequeue();
                }
            }

            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _sent, batch.Length);
            try
            {
                var results = await _client.SubmitBatchAsync([.. batch.Select(static p => p.Transaction)], CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Length; i++)
                {
                    if (results[i].Outcome is { } outcome)
                    {
                        batch[i].Completion.TrySetResult(outcome);
                    }
                    else
                    {
                        batch[i].Completion.TrySetException(results[i].Failure);
                    }
                }
            }
            catch (Exception e)
            {
                // A failure of the call itself (a malformed reply, for one): every caller of the batch sees it.
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(e);
                }
            }
        }
    }

    private sealed class ShardQueue
    {
        public Queue<Pending> Waiting { get; } = new();

        public int Calls { get; set; }
    }

    private sealed class Pending(CrossShardTransaction transaction)
    {
        public CrossShardTransaction Transaction { get; } = transaction;

        public TaskCompletionSource<TransactionOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
