using CrossShard.Core.Ids;
using CrossShard.Core.Locks;

namespace CrossShard.Core.Tests;

public sealed class LockTableTests
{
    private static readonly TxId T1 = new(1, 0, 0, 0);
    private static readonly TxId T2 = new(2, 0, 0, 0);
    private static readonly TxId T3 = new(3, 0, 0, 0);

    [Fact]
    public void TryAcquireAll_GrantsFreeKeys_AndRefusesHeldOnesUnderNoWait()
    {
        var table = new LockTable(LockPolicy.NoWait);

        Assert.Equal(LockOutcome.Granted, table.TryAcquireAll(T1, 1, ["a", "b"]));
        Assert.Equal(LockOutcome.Conflict, table.TryAcquireAll(T2, 0, ["b", "c"]));
        Assert.True(table.TryGetHolder("b", out var holder));
        Assert.Equal(T1, holder);
        Assert.False(table.TryGetHolder("c", out _));
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void TryAcquireAll_IsAllOrNothing()
    {
        var table = new LockTable(LockPolicy.NoWait);
        table.TryAcquireAll(T1, 1, ["b"]);

        table.TryAcquireAll(T2, 2, ["a", "b"]);

        Assert.False(table.TryGetHolder("a", out _));
    }

    [Fact]
    public void WaitDie_OlderRequesterWaits_YoungerDies()
    {
        var table = new LockTable(LockPolicy.WaitDie);
        table.TryAcquireAll(T1, priority: 10, ["a"]);

        Assert.Equal(LockOutcome.Wait, table.TryAcquireAll(T2, priority: 5, ["a"]));
        Assert.Equal(LockOutcome.Conflict, table.TryAcquireAll(T2, priority: 20, ["a"]));
    }

    [Fact]
    public void WaitDie_EqualPrioritiesBreakTiesById()
    {
        var table = new LockTable(LockPolicy.WaitDie);
        table.TryAcquireAll(T2, priority: 10, ["a"]);

        Assert.Equal(LockOutcome.Wait, table.TryAcquireAll(T1, priority: 10, ["a"]));
    }

    [Fact]
    public void WaitForOlder_YoungerRequesterWaits_OlderDies()
    {
        var table = new LockTable(LockPolicy.WaitForOlder);
        table.TryAcquireAll(T1, priority: 10, ["a"]);

        Assert.Equal(LockOutcome.Wait, table.TryAcquireAll(T2, priority: 20, ["a"]));
        Assert.Equal(LockOutcome.Conflict, table.TryAcquireAll(T2, priority: 5, ["a"]));
        Assert.True(table.TryGetHolder("a", out var holder) && holder == T1);
    }

    [Fact]
    public void WaitForOlder_MustBeYoungerThanEveryHolderInItsWay()
    {
        var table = new LockTable(LockPolicy.WaitForOlder);
        table.TryAcquireAll(T1, priority: 10, ["a"]);
        table.TryAcquireAll(T2, priority: 30, ["b"]);

        Assert.Equal(LockOutcome.Conflict, table.TryAcquireAll(T3, priority: 20, ["a", "b"]));
        Assert.Equal(LockOutcome.Wait, table.TryAcquireAll(T3, priority: 40, ["a", "b"]));
    }

    [Fact]
    public void Ordered_EveryRequesterWaits_WhateverItsAge_AndTakesNothingMeanwhile()
    {
        var table = new LockTable(LockPolicy.Ordered);
        table.TryAcquireAll(T1, priority: 10, ["a"]);

        Assert.Equal(LockOutcome.Wait, table.TryAcquireAll(T2, priority: 20, ["a", "b"]));
        Assert.Equal(LockOutcome.Wait, table.TryAcquireAll(T3, priority: 5, ["a"]));
        Assert.False(table.TryGetHolder("b", out _));
        Assert.True(table.TryGetHolder("a", out var holder) && holder == T1);
    }

    [Fact]
    public void WaitForOlder_EqualPrioritiesBreakTiesById()
    {
        var table = new LockTable(LockPolicy.WaitForOlder);
        table.TryAcquireAll(T1, priority: 10, ["a"]);

        Assert.Equal(LockOutcome.Wait, table.TryAcquireAll(T2, priority: 10, ["a"]));
    }

    [Fact]
    public void ReleaseAll_ReleasesOnlyTheHoldersOwnKeys()
    {
        var table = new LockTable(LockPolicy.NoWait);
        table.TryAcquireAll(T1, 1, ["a"]);
        table.TryAcquireAll(T2, 2, ["b"]);

        table.ReleaseAll(T1, ["a", "b"]);

        Assert.False(table.TryGetHolder("a", out _));
        Assert.True(table.TryGetHolder("b", out _));
    }

    [Fact]
    public void TryAcquireAll_ReacquiringOwnKeysIsGranted()
    {
        var table = new LockTable(LockPolicy.NoWait);
        table.TryAcquireAll(T1, 1, ["a"]);

        Assert.Equal(LockOutcome.Granted, table.TryAcquireAll(T1, 1, ["a", "b"]));
    }
}
