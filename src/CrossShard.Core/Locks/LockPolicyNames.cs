namespace CrossShard.Core.Locks;

/// <summary>The names a <see cref="LockPolicy"/> goes by on command lines and in config files.</summary>
public static class LockPolicyNames
{
    /// <summary>Every name, in the order of the enum.</summary>
    public static IReadOnlyList<string> All { get; } = ["no-wait", "wait-die", "wait-for-older"];

    /// <summary>The name of <paramref name="policy"/>.</summary>
    public static string NameOf(LockPolicy policy) => policy switch
    {
        LockPolicy.NoWait => "no-wait",
        LockPolicy.WaitDie => "wait-die",
        LockPolicy.WaitForOlder => "wait-for-older",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "not a lock policy"),
    };

    /// <summary>The policy named <paramref name="name"/> (exact, lower case), or false.</summary>
    public static bool TryParse(string? name, out LockPolicy policy)
    {
        switch (name)
        {
            case "no-wait":
                policy = LockPolicy.NoWait;
                return true;
            case "wait-die":
                policy = LockPolicy.WaitDie;
                return true;
            case "wait-for-older":
                policy = LockPolicy.WaitForOlder;
                return true;
            default:
                policy = default;
                return false;
        }
    }
}
