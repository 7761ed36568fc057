namespace CrossShard.Core.Locks;

/// <summary>The names a <see cref="LockPolicy"/> goes by on command lines and in config files.</summary>
public static class LockPolicyNames
{
    /// <summary>Every name, in the order of the enum.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<LockPolicy>().Select(NameOf)];

    /// <summary>The name of <paramref name="policy"/>.</summary>
    public static string NameOf(LockPolicy policy) => policy switch
    {
        LockPolicy.NoWait => "no-wait",
        LockPolicy.WaitDie => "wait-die",
        LockPolicy.WaitForOlder => "wait-for-older",
        LockPolicy.Ordered => "ordered",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "not a lock policy"),
    };

    /// <summary>The policy named <paramref name="name"/> (exact, lower case), or false.</summary>
    public static bool TryParse(string? name, out LockPolicy policy)
    {
        foreach (var candidate in Enum.GetValues<LockPolicy>())
        {
            if (NameOf(candidate) == name)
            {
                policy = candidate;
                return true;
            }
        }

        policy = default;
        return false;
    }
}
