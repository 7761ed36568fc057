using CrossShard.Transport.Security;

namespace CrossShard.Transport.Tests;

public sealed class ReplayWindowTests
{
    [Fact]
    public void EachSequenceIsAcceptedOnce_InAnyOrderWithinTheWindow()
    {
        var window = new ReplayWindow();

        Assert.True(window.TryAccept(1, 10));
        Assert.True(window.TryAccept(1, 8));
        Assert.True(window.TryAccept(1, 9));
        Assert.False(window.TryAccept(1, 8));
        Assert.False(window.TryAccept(1, 10));
        Assert.False(window.MayAccept(1, 9));
    }

    [Fact]
    public void SequencesBelowTheWindow_AreRefused()
    {
        var window = new ReplayWindow();
        window.TryAccept(1, 5000);

        Assert.False(window.TryAccept(1, 5000 - ReplayWindow.Size));
        Assert.True(window.TryAccept(1, 5000 - ReplayWindow.Size + 1));
    }

    [Fact]
    public void ANewerEpochResetsTheWindow_AnOlderOneIsRefused()
    {
        var window = new ReplayWindow();
        window.TryAccept(2, 100);

        Assert.False(window.TryAccept(1, 500));
        Assert.True(window.TryAccept(3, 1));
        Assert.False(window.TryAccept(2, 101));
    }

    [Fact]
    public void SequenceZero_IsNeverValid() => Assert.False(new ReplayWindow().TryAccept(1, 0));

    [Fact]
    public void SlidingForward_ForgetsOldBits_SoReusedSlotsDoNotLookSeen()
    {
        var window = new ReplayWindow();
        window.TryAccept(1, 3);
        window.TryAccept(1, 3 + ReplayWindow.Size + 10);

        // 3 + Size shares a bit slot with 3; it must count as unseen.
        Assert.True(window.TryAccept(1, 3 + ReplayWindow.Size));
    }

    [Fact]
    public void MayAccept_RecordsNothing()
    {
        var window = new ReplayWindow();

        Assert.True(window.MayAccept(1, 7));
        Assert.True(window.TryAccept(1, 7));
    }
}
