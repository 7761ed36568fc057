namespace CrossShard.Node.Tests;

/// <summary>Decides, with seeded probabilities, what happens to one message or envelope in a faulty network: lost, duplicated, delayed.</summary>
internal sealed class FaultDice(int seed, double dropRate, double duplicateRate, double delayRate, int maxDelayMs)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public int Dropped { get; private set; }

    public int Duplicated { get; private set; }

    public int Delayed { get; private set; }

    /// <summary>How many copies to deliver (0 = lost) and the delay of the first copy in ms (0 = at once).</summary>
    public (int Copies, int DelayMs) Roll()
    {
        lock (_gate)
        {
            var (drop, duplicate, delay, delayMs) = (_random.NextDouble(), _random.NextDouble(), _random.NextDouble(), _random.Next(1, maxDelayMs + 1));
            if (drop < dropRate)
            {
                Dropped++;
                return (0, 0);
            }

            var copies = duplicate < duplicateRate ? 2 : 1;
            Duplicated += copies - 1;
            Delayed += delay < delayRate ? 1 : 0;
            return (copies, delay < delayRate ? delayMs : 0);
        }
    }

    /// <summary>Delivers the copies <see cref="Roll"/> chose, later ones after longer delays.</summary>
    public void Deliver(Action send)
    {
        var (copies, delayMs) = Roll();
        for (var i = 0; i < copies; i++)
        {
            if (delayMs > 0)
            {
                _ = Task.Delay(delayMs * (i + 1)).ContinueWith(_ => send(), TaskScheduler.Default);
            }
            else
            {
                send();
            }
        }
    }
}
