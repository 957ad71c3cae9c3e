using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.Usage;
using Marten;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// Reads a user's usage from the read models of every avatar of the user: its training data and its adapter. Here,
/// beside the training data, so that recording files can decide its quotas (the Usage folder itself reads nothing).
/// </summary>
public sealed class UserUsageReader(IDocumentStore store)
{
    public async Task<UserUsageSnapshot> ReadAsync(string userId, CancellationToken ct)
    {
        var prefix = AvatarStreams.Id(userId, "");
        await using var session = store.QuerySession();
        // StartsWith becomes LIKE, where '_' (allowed in ids) matches any character: the ordinal check keeps the user's own.
        var data = (await session.Query<AvatarTrainingData>().Where(d => d.Id.StartsWith(prefix)).ToListAsync(ct))
            .Where(d => d.Id.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(d => d.Id[prefix.Length..]);
        var adapters = (await session.Query<AvatarAdapter>().Where(d => d.Id.StartsWith(prefix)).ToListAsync(ct))
            .Where(d => d.Id.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(d => d.Id[prefix.Length..]);
        var avatars = data.Keys.Union(adapters.Keys)
            .ToDictionary(id => id, id => Of(data.GetValueOrDefault(id), adapters.GetValueOrDefault(id)));
        return new UserUsageSnapshot(userId, avatars);
    }

    private static AvatarUsage Of(AvatarTrainingData? data, AvatarAdapter? adapter) => new(
        (data?.Files ?? []).ToDictionary(f => f.Key, f => f.Value.SizeBytes),
        adapter is { Exists: true },
        adapter?.RunningJobId is not null);
}
