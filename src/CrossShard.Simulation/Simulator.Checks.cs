namespace CrossShard.Simulation;

/// <summary>The end of a run: quiescence, conservation, durability and termination.</summary>
public sealed partial class Simulator
{
    private bool IsQuiet() =>
        _waitingClients.Count == 0 && _nodes.All(static n =>
            n.IsUp && n.Protocol!.Coordinator.ActiveCount == 0 && n.Protocol.Participant.ActiveCount == 0 && n.Protocol.Participant.Locks.Count == 0);

    private string Unfinished()
    {
        var parts = _nodes.Select(n => n.IsUp
            ? $"{n.Shard}: coordinating {n.Protocol!.Coordinator.ActiveCount}, participating {n.Protocol.Participant.ActiveCount}, locks {n.Protocol.Participant.Locks.Count}"
            : $"{n.Shard}: down");
        return string.Join("; ", parts) + $"; clients waiting {_waitingClients.Count}";
    }

    private SimulationResult Finish()
    {
        if (_checker.ViolationCount == 0 && _quiet)
        {
            var expected = (long)_options.Accounts * _options.InitialBalance;
            var total = _nodes.Sum(static n => n.Ledger!.TotalBalance());
            if (total != expected)
            {
                _checker.ReportViolation($"conservation: the balances sum to {total}, not {expected}");
            }

            foreach (var node in _nodes)
            {
                foreach (var (account, state) in node.Ledger!.Accounts)
                {
                    if (state.Balance < 0)
                    {
                        _checker.ReportViolation($"validity: {account} on {node.Shard} has a negative balance {state.Balance}");
                    }
                }
            }

            _checker.CheckFinished(expectOutcomeForEverySubmission: true);
        }
        else if (!_quiet && _checker.ViolationCount == 0)
        {
            _checker.ReportViolation($"termination: the run ended without becoming quiet ({Unfinished()})");
        }

        return new SimulationResult(_seed, _options.Transactions, _checker.CommittedCount, _faults, _checker.Violations, _now, _steps)
        {
            ShapeArguments = ShapeArguments(_options),
        };
    }

    private static string ShapeArguments(SimulationOptions options)
    {
        var defaults = new SimulationOptions();
        var flags = new List<string>();
        if (options.Shards != defaults.Shards)
        {
            flags.Add($"--shards {options.Shards}");
        }

        if (options.Accounts != defaults.Accounts)
        {
            flags.Add($"--accounts {options.Accounts}");
        }

        if (options.Transactions != defaults.Transactions)
        {
            flags.Add($"--transactions {options.Transactions}");
        }

        if (options.Protocol.LockPolicy != defaults.Protocol.LockPolicy)
        {
            flags.Add($"--lock-policy {Core.Locks.LockPolicyNames.NameOf(options.Protocol.LockPolicy)}");
        }

        return flags.Count == 0 ? "" : " " + string.Join(' ', flags);
    }
}
