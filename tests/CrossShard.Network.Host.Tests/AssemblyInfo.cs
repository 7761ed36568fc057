namespace CrossShard.Network.Host.Tests;

/// <summary>
/// Every test class that runs node processes joins this collection, so they run one at a time: processes compete for
/// two cores and for ports, and failures should be about the code, not the machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NodeProcesses
{
    public const string Name = "node processes";
}
