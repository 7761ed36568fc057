namespace CrossShard.Node.Manifest;

/// <summary>The validation rules of a manifest's content, in a fixed order so the first broken rule is the one reported.</summary>
internal static class ManifestRules
{
    /// <summary>Throws <see cref="ManifestException"/> naming the first field or shard that breaks a rule.</summary>
    public static void Validate(string clusterId, IReadOnlyList<string> protocolVersions, IReadOnlyList<ManifestShard> shards)
    {
        if (ClusterIdRules.Check(clusterId) is { } bad)
        {
            throw new ManifestException(bad.Error, bad.Problem);
        }

        ValidateProtocolVersions(protocolVersions);
        if (shards.Count == 0)
        {
            throw new ManifestException(ManifestError.NoShards, "shards is empty; a cluster needs at least one shard");
        }

        for (var i = 0; i < shards.Count; i++)
        {
            if (EndpointRules.Check(shards[i].Endpoint) is { } problem)
            {
                throw new ManifestException(ManifestError.InvalidEndpoint, $"{Name(i, shards[i])}: endpoint '{shards[i].Endpoint}' {problem}");
            }
        }

        ValidateIds(shards);
        RefuseDuplicates(shards, static s => s.Endpoint.ToUpperInvariant(), ManifestError.DuplicateEndpoint, "endpoint");
        RefuseDuplicates(shards, static s => s.PublicKey, ManifestError.DuplicatePublicKey, "publicKey");
    }

    /// <summary>How messages name a shard entry: its position in the list and its id.</summary>
    public static string Name(int index, ManifestShard shard) => $"shards[{index}] (id {shard.Id})";

    private static void ValidateProtocolVersions(IReadOnlyList<string> versions)
    {
        if (versions.Count == 0)
        {
            throw new ManifestException(ManifestError.InvalidProtocolVersions, "protocolVersions is empty; list at least one, e.g. \"crossshard/1\"");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(versions[i]))
            {
                throw new ManifestException(ManifestError.InvalidProtocolVersions, $"protocolVersions[{i}] is empty");
            }

            if (!seen.Add(versions[i]))
            {
                throw new ManifestException(ManifestError.InvalidProtocolVersions, $"protocolVersions[{i}] repeats '{versions[i]}'");
            }
        }
    }

    private static void ValidateIds(IReadOnlyList<ManifestShard> shards)
    {
        var firstIndexOf = new Dictionary<int, int>();
        for (var i = 0; i < shards.Count; i++)
        {
            if (!firstIndexOf.TryAdd(shards[i].Id, i))
            {
                throw new ManifestException(
                    ManifestError.DuplicateShardId,
                    $"{Name(i, shards[i])}: shard id {shards[i].Id} is already used by shards[{firstIndexOf[shards[i].Id]}]");
            }
        }

        for (var i = 0; i < shards.Count; i++)
        {
            if (shards[i].Id < 0 || shards[i].Id >= shards.Count)
            {
                var missing = Enumerable.Range(0, shards.Count).First(id => !firstIndexOf.ContainsKey(id));
                throw new ManifestException(
                    ManifestError.ShardIdsNotContiguous,
                    $"{Name(i, shards[i])}: shard ids must be exactly 0..{shards.Count - 1} for {shards.Count} shards; id {missing} is missing");
            }
        }
    }

    private static void RefuseDuplicates<TKey>(IReadOnlyList<ManifestShard> shards, Func<ManifestShard, TKey> key, ManifestError error, string field)
        where TKey : notnull
    {
        var firstIndexOf = new Dictionary<TKey, int>();
        for (var i = 0; i < shards.Count; i++)
        {
            if (!firstIndexOf.TryAdd(key(shards[i]), i))
            {
                var other = firstIndexOf[key(shards[i])];
                throw new ManifestException(error, $"{Name(i, shards[i])}: {field} is the same as {Name(other, shards[other])}'s");
            }
        }
    }
}
