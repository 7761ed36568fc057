namespace CrossShard.Network.Hosting;

/// <summary>Where a hosted node is in its life; the health endpoint and the client service report it.</summary>
public enum NodeState
{
    /// <summary>Listening, but the store is not yet recovered: submissions are refused as unavailable.</summary>
    Starting,

    /// <summary>Recovered and admitting transactions.</summary>
    Serving,

    /// <summary>Shutting down: new submissions are refused, admitted ones drain.</summary>
    Stopping,
}
