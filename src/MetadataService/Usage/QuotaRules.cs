using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Contracts.Usage;
using AdapterPipeline.Messaging;

namespace AdapterPipeline.MetadataService.Usage;

/// <summary>
/// Whether a change stays within the user's quotas, decided from a <see cref="UserUsageSnapshot"/> alone: pure
/// functions that throw <see cref="RequestRejectedException.OverQuota"/>. Only growth is refused, so a user over a
/// lowered limit can still replace, remove and finish what is there.
/// </summary>
public static class QuotaRules
{
    /// <summary>Recording <paramref name="files"/> (new names and replacements) on the avatar.</summary>
    public static void CheckFiles(UserUsageSnapshot usage, string avatarId, IReadOnlyList<TrainingFileDetails> files, QuotaOptions q)
    {
        var before = usage.Of(avatarId);
        var currentFiles = before.FileSizes;
        var after = new Dictionary<string, long>(currentFiles);
        foreach (var f in files)
        {
            after[f.FileName] = f.SizeBytes;
        }
        var afterBytes = after.Values.Sum();
        var others = usage.Without(avatarId);
        if (!before.InUse && others.AvatarsInUse + 1 > q.AvatarsPerUser)
        {
            throw RequestRejectedException.OverQuota(Quotas.AvatarsPerUser, q.AvatarsPerUser, others.AvatarsInUse, "a new avatar");
        }
        if (after.Count > currentFiles.Count && after.Count > q.FilesPerAvatar)
        {
            throw RequestRejectedException.OverQuota(Quotas.FilesPerAvatar, q.FilesPerAvatar, currentFiles.Count, $"{after.Count - currentFiles.Count} more file(s)");
        }
        var currentBytes = currentFiles.Values.Sum();
        if (afterBytes <= currentBytes)
        {
            return;
        }
        if (afterBytes > q.TrainingBytesPerAvatar)
        {
            throw RequestRejectedException.OverQuota(Quotas.TrainingBytesPerAvatar, q.TrainingBytesPerAvatar, currentBytes, $"{afterBytes - currentBytes} more byte(s)");
        }
        if (others.Bytes + afterBytes > q.TrainingBytesPerUser)
        {
            throw RequestRejectedException.OverQuota(Quotas.TrainingBytesPerUser, q.TrainingBytesPerUser, others.Bytes + currentBytes, $"{afterBytes - currentBytes} more byte(s)");
        }
    }

    /// <summary>Starting a job on the avatar (which has none running): one more concurrent job, maybe a new avatar.</summary>
    public static void CheckJob(UserUsageSnapshot usage, string avatarId, QuotaOptions q)
    {
        var others = usage.Without(avatarId);
        // The lasting refusal first: waiting for a job to end would not make room for another avatar.
        if (!usage.Of(avatarId).InUse && others.AvatarsInUse + 1 > q.AvatarsPerUser)
        {
            throw RequestRejectedException.OverQuota(Quotas.AvatarsPerUser, q.AvatarsPerUser, others.AvatarsInUse, "a new avatar");
        }
        if (others.RunningJobs + 1 > q.ConcurrentJobsPerUser)
        {
            throw RequestRejectedException.OverQuota(Quotas.ConcurrentJobsPerUser, q.ConcurrentJobsPerUser, others.RunningJobs, "another job");
        }
    }
}
