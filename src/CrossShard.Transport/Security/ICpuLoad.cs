namespace CrossShard.Transport.Security;

/// <summary>How busy the machine's cores have been lately, as the signing pace sees it.</summary>
public interface ICpuLoad
{
    /// <summary>The share of all cores left unused over the last short window, between 0 (saturated) and 1 (idle).</summary>
    double IdleFraction { get; }
}
