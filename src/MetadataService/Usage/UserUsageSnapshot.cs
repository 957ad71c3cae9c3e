using AdapterPipeline.Contracts.Usage;

namespace AdapterPipeline.MetadataService.Usage;

/// <summary>What one avatar uses: the size of each training file, whether it has an adapter or a job running.</summary>
public sealed record AvatarUsage(IReadOnlyDictionary<string, long> FileSizes, bool HasAdapter, bool JobRunning)
{
    public static readonly AvatarUsage None = new(new Dictionary<string, long>(), false, false);

    public int Files => FileSizes.Count;

    public long Bytes => FileSizes.Values.Sum();

    public bool InUse => Files > 0 || HasAdapter || JobRunning;
}

/// <summary>
/// A user's usage, avatar by avatar (read by <c>TrainingData.UserUsageReader</c>); <see cref="QuotaRules"/> decides against it.
/// </summary>
public sealed record UserUsageSnapshot(string UserId, IReadOnlyDictionary<string, AvatarUsage> Avatars)
{
    public AvatarUsage Of(string avatarId) => Avatars.GetValueOrDefault(avatarId) ?? AvatarUsage.None;

    /// <summary>The usage of every avatar but one: what a change to that avatar adds to.</summary>
    public UserUsageSnapshot Without(string avatarId) =>
        this with { Avatars = Avatars.Where(a => a.Key != avatarId).ToDictionary() };

    public int AvatarsInUse => Avatars.Values.Count(a => a.InUse);

    public long Bytes => Avatars.Values.Sum(a => a.Bytes);

    public int RunningJobs => Avatars.Values.Count(a => a.JobRunning);

    /// <summary>The usage against each quota; per-avatar quotas once per avatar in use, ordered by avatar id.</summary>
    public UserUsage Report(QuotaOptions q) => new(UserId,
    [
        new QuotaUsage(Quotas.ConcurrentJobsPerUser, q.ConcurrentJobsPerUser, RunningJobs),
        new QuotaUsage(Quotas.AvatarsPerUser, q.AvatarsPerUser, AvatarsInUse),
        new QuotaUsage(Quotas.TrainingBytesPerUser, q.TrainingBytesPerUser, Bytes),
        .. Avatars.Where(a => a.Value.InUse).OrderBy(a => a.Key, StringComparer.Ordinal).SelectMany(a => new[]
        {
            new QuotaUsage(Quotas.FilesPerAvatar, q.FilesPerAvatar, a.Value.Files, a.Key),
            new QuotaUsage(Quotas.TrainingBytesPerAvatar, q.TrainingBytesPerAvatar, a.Value.Bytes, a.Key),
        }),
    ]);
}
