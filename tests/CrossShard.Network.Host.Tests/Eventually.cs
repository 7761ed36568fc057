namespace CrossShard.Network.Host.Tests;

/// <summary>Polls a condition until it holds or a deadline passes: tests wait for states, never for fixed times.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not reached within {timeout.TotalSeconds:0} s: {describe()}");
            }

            await Task.Delay(100);
        }
    }
}
