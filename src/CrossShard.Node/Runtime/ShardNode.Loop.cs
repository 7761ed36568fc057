using CrossShard.Core;
using CrossShard.Core.Effects;
using CrossShard.Core.Transactions;
using CrossShard.Transport;

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

                DeliverOwnMessages(now);

                // The previous batch's write ran while this batch was handled; its effects go first, in order.
                var written = await FinishWriteAsync().ConfigureAwait(false);
                if (!_fx.IsEmpty || _afterFlush.Count > 0)
                {
                    if (_fx.Records.Count > 0 && _store.AppendBlocksCaller)
                    {
                        StartWrite();
                    }
                    else
                    {
                        written += await WriteAsync(_fx).ConfigureAwait(false);
                        Release(_fx, _afterFlush);
                    }
                }

                var elapsed = _time.GetElapsedTime(started);
                // The batch adapts to the loop's own work, not to the log write: a slow synced write is the very
                // reason to take more per iteration (group commit), so shrinking the batch for it would be backwards.
                _batchSize.Record(handled, elapsed - written);
                _metrics.RecordFlush(elapsed);
            }

            await FinishWriteAsync().ConfigureAwait(false);
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
            case WriteDoneInput:
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

    // A node's messages to itself are handled in the batch that produced them, before its write, instead of in a
    // later batch after it: whatever records they lead to (the own participant's PREPARED, the COMMIT it lets the
    // coordinator decide, COMMITTED) join the same atomic write, so none is ever durable without the others it
    // followed from, and whatever they let out (replies, messages to peers, events) still waits for that write. A
    // failed write stops the node, so no later batch can act on state that was never durable. This saves the own
    // shard a loop iteration per step and releases its locks at the COMMIT write rather than one write later.
    private void DeliverOwnMessages(TimeSpan now)
    {
        // Bounded: each round is a protocol step (Prepare, vote, decision, ack); what is left goes the usual way.
        for (var round = 0; round < MaxOwnMessageRounds; round++)
        {
            var messages = _fx.Messages;
            var kept = 0;
            _ownMessages.Clear();
            for (var i = 0; i < messages.Count; i++)
            {
                if (messages[i].To == Shard)
                {
                    _ownMessages.Add(messages[i].Message);
                }
                else
                {
                    messages[kept++] = messages[i];
                }
            }

            if (_ownMessages.Count == 0)
            {
                return;
            }

            messages.RemoveRange(kept, messages.Count - kept);
            foreach (var message in _ownMessages)
            {
                Deliver(Shard, message, now);
            }
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

    // Pipelined group commit: the batch's effects move aside and its records are written off the loop (the store's
    // append blocks on a synced write), while the loop handles the next batch. Nothing of this batch leaves before
    // the write is complete (the loop's own effects wait for FinishWriteAsync; a gated network holds the peers'
    // messages until then), and the next write starts only after this one: the log stays ordered, so whatever the
    // next batch does on top of this one's state is durable only after it.
    private void StartWrite()
    {
        (_writingFx, _fx) = (_fx, _writingFx);
        (_writingAfterFlush, _afterFlush) = (_afterFlush, _writingAfterFlush);
        var buffer = _writingFx;
        _write = Task.Run(() => WriteAsync(buffer).AsTask());
        // An idle loop must still hear that the write finished, or the batch's votes and answers would wait for input.
        _write.ContinueWith(static (_, state) => ((ShardNode)state!).Post(WriteDoneInput.Instance), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_network is IDurabilityGatedNetwork gated)
        {
            // The peers' messages go now and leave when the write is durable: the network encodes and signs them while
            // the disk syncs, instead of after.
            SendGrouped(buffer, gated, _write);
        }
    }

    // Waits for the write in flight, if any, and releases its batch's effects; returns how long the loop waited.
    private async ValueTask<TimeSpan> FinishWriteAsync()
    {
        if (_write is not { } write)
        {
            return TimeSpan.Zero;
        }

        var waitStarted = _time.GetTimestamp();
        _write = null;
        await write.ConfigureAwait(false);
        var waited = _time.GetElapsedTime(waitStarted);
        Release(_writingFx, _writingAfterFlush);
        return waited;
    }

    // Returns how long the log write took, so the adaptive batch size can leave it out.
    private async ValueTask<TimeSpan> WriteAsync(EffectBuffer fx)
    {
        if (fx.Records.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var writeStarted = _time.GetTimestamp();
        await _store.AppendAsync(fx.Records, fx.HasForcedRecords, CancellationToken.None).ConfigureAwait(false);
        return _time.GetElapsedTime(writeStarted);
    }

    // Order matters: records durable first (the caller saw to that), then anything that lets another party act on them.
    private void Release(EffectBuffer fx, List<(TaskCompletionSource<bool> Completion, bool Result)> afterFlush)
    {
        SendGrouped(fx);
        foreach (var timer in fx.Timers)
        {
            _timers.Add(timer);
        }

        foreach (var e in fx.Events)
        {
            switch (e.Kind)
            {
                case ProtocolEventKind.HeuristicMixed:
                    _metrics.HeuristicMixed.Add(1);
                    LogMessages.HeuristicMixed(_logger, Shard, e.Tx);
                    break;
                case ProtocolEventKind.LockWaiting:
                    _metrics.RecordLockWait();
                    break;
                case ProtocolEventKind.DeferredPrepareSent:
                    _metrics.RecordPrepareHeldBack();
                    break;
            }
        }

        // Events before answers: a client told the outcome may at once ask an observer (the manager's status
        // tracker) about it, from another thread, and must find the decision it was told, not the phase before it.
        if (_observer is not null && fx.Events.Count > 0)
        {
            _observer.OnEvents(fx.Events);
        }

        foreach (var reply in fx.Replies)
        {
            if (_pending.Remove(reply.Outcome.Tx, out var completion))
            {
                _inFlight.Release();
                completion.TrySetResult(reply.Outcome);
            }
        }

        fx.Clear();
        foreach (var (completion, result) in afterFlush)
        {
            completion.TrySetResult(result);
        }

        afterFlush.Clear();
    }

    // One batch per destination per flush. With `durable` (the batch's write, still in flight) only the peers' batches
    // go, to a network that holds them until the write completes; messages to this node stay in fx for Release.
    private void SendGrouped(EffectBuffer fx, IDurabilityGatedNetwork? gated = null, Task? durable = null)
    {
        var kept = 0;
        for (var i = 0; i < fx.Messages.Count; i++)
        {
            var outbound = fx.Messages[i];
            if (durable is not null && outbound.To == Shard)
            {
                fx.Messages[kept++] = outbound;
                continue;
            }

            if (!_outbox.TryGetValue(outbound.To, out var list))
            {
                _outbox[outbound.To] = list = [];
            }

            list.Add(outbound.Message);
        }

        if (durable is not null)
        {
            fx.Messages.RemoveRange(kept, fx.Messages.Count - kept);
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
            else if (gated is not null && durable is not null)
            {
                gated.SendWhenDurable(Shard, to, batch, durable);
            }
            else
            {
                _network.Send(Shard, to, batch);
            }
        }
    }
}
