using CrossShard.Core;
using CrossShard.Core.Transactions;

namespace CrossShard.Node.Runtime;

/// <summary>The event loop: drain a batch, fire timers, flush effects.</summary>
public sealed partial class ShardNode
{
    private async Task RunAsync()
    {
        var reader = _inbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var now = Now;
                var started = _time.GetTimestamp();
                var limit = _batchSize.Current;
                var handled = 0;
                for (; handled < limit && reader.TryRead(out var input); handled++)
                {
                    Process(input, now);
                }

                Interlocked.Add(ref _inboxDepth, -handled);

                while (_timers.TryTakeDue(now, out var timer))
                {
                    _protocol.OnTimer(timer, now, _fx);
                }

                var written = _fx.IsEmpty ? TimeSpan.Zero : await FlushAsync().ConfigureAwait(false);

                foreach (var (completion, result) in _afterFlush)
                {
                    completion.TrySetResult(result);
                }

                _afterFlush.Clear();
                var elapsed = _time.GetElapsedTime(started);
                // The batch adapts to the loop's own work, not to the log write: a slow synced write is the very
                // reason to take more per iteration (group commit), so shrinking the batch for it would be backwards.
                _batchSize.Record(handled, elapsed - written);
                _metrics.RecordFlush(elapsed);
            }
        }
        catch (Exception ex)
        {
            // A failed write leaves the node unable to promise durability: it stops serving rather than guess.
            _failure = ex;
            _inbox.Writer.TryComplete();
            _network.Unregister(Shard);
            LogMessages.NodeFailed(_logger, ex, Shard);
            var failed = new NodeStoppedException($"node {Shard} failed: {ex.Message}", ex);
            FailPending(failed);
            FailQueued(failed);
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }
    }

    private void Process(NodeInput input, TimeSpan now)
    {
        switch (input)
        {
            case SubmitInput submit:
                Submit(submit, now);
                break;
            case MessagesInput messages:
                foreach (var message in messages.Batch)
                {
                    Deliver(messages.From, message, now);
                }

                break;
            case StartInput:
                _protocol.Start(now, _fx);
                break;
            case RecoverInput recover:
                _protocol.Participant.Recover(recover.InDoubt, recover.Decided, now, _fx, recover.Heuristic);
                _protocol.Coordinator.Recover(recover.Committing, now, _fx);
                break;
            case TickInput:
                Volatile.Write(ref _tickPending, 0);
                break;
            case CommandInput command:
                try
                {
                    _afterFlush.Add((command.Completion, command.Action(_protocol, now, _fx)));
                }
                catch (Exception ex)
                {
                    command.Completion.TrySetException(ex);
                }

                break;
            case InspectInput inspect:
                try
                {
                    inspect.Action(_protocol);
                    inspect.Completion.TrySetResult();
                }
                catch (Exception ex)
                {
                    inspect.Completion.TrySetException(ex);
                }

                break;
        }
    }

    private void Submit(SubmitInput submit, TimeSpan now)
    {
        var result = _protocol.Coordinator.Submit(submit.Transaction, now, _fx);
        if (result.Accepted)
        {
            _pending.Add(result.Tx, submit.Completion);
            return;
        }

        _inFlight.Release();
        submit.Completion.TrySetException(new InvalidTransactionException(result.Error, InvalidTransactionException.Describe(result.Error)));
    }

    private void Deliver(Core.Ids.ShardId from, Core.Messages.ProtocolMessage message, TimeSpan now)
    {
        if (message.From != from)
        {
            Interlocked.Increment(ref _violations);
            LogMessages.SenderMismatch(_logger, Shard, from, message.From);
            return;
        }

        try
        {
            _protocol.Handle(message, now, _fx);
        }
        catch (ProtocolViolationException ex)
        {
            Interlocked.Increment(ref _violations);
            LogMessages.ProtocolViolation(_logger, Shard, ex.Message);
        }
    }

    // Returns how long the log write took, so the adaptive batch size can leave it out.
    private async ValueTask<TimeSpan> FlushAsync()
    {
        // Order matters: records durable first, then anything that lets another party act on them.
        var written = TimeSpan.Zero;
        if (_fx.Records.Count > 0)
        {
            var writeStarted = _time.GetTimestamp();
            await _store.AppendAsync(_fx.Records, _fx.HasForcedRecords, CancellationToken.None).ConfigureAwait(false);
            written = _time.GetElapsedTime(writeStarted);
        }

        SendGrouped();
        foreach (var timer in _fx.Timers)
        {
            _timers.Add(timer);
        }

        foreach (var reply in _fx.Replies)
        {
            if (_pending.Remove(reply.Outcome.Tx, out var completion))
            {
                _inFlight.Release();
                completion.TrySetResult(reply.Outcome);
            }
        }

        foreach (var e in _fx.Events)
        {
            if (e.Kind == Core.Effects.ProtocolEventKind.HeuristicMixed)
            {
                _metrics.HeuristicMixed.Add(1);
                LogMessages.HeuristicMixed(_logger, Shard, e.Tx);
            }
        }

        if (_observer is not null && _fx.Events.Count > 0)
        {
            _observer.OnEvents(_fx.Events);
        }

        _fx.Clear();
        return written;
    }

    // One batch per destination per flush: the seam where one signature per batch will go.
    private void SendGrouped()
    {
        foreach (var outbound in _fx.Messages)
        {
            if (!_outbox.TryGetValue(outbound.To, out var list))
            {
                _outbox[outbound.To] = list = [];
            }

            list.Add(outbound.Message);
        }

        foreach (var (to, list) in _outbox)
        {
            if (list.Count == 0)
            {
                continue;
            }

            var batch = list.ToArray();
            list.Clear();
            if (to == Shard)
            {
                Post(new MessagesInput(Shard, batch));
            }
            else
            {
                _network.Send(Shard, to, batch);
            }
        }
    }
}
