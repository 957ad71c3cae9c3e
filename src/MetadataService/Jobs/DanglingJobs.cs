using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// Ends an avatar's running job that no saga will ever end (the saga never started, or it ended without freeing the
/// avatar), recording <see cref="AdapterJobFinished"/> so that the avatar accepts the next job.
/// </summary>
public sealed class DanglingJobs(AvatarAdapterWriter adapters, TimeProvider clock)
{
    public Task EndAsync(string userId, string avatarId, Guid jobId, string state, string reason, CancellationToken ct)
    {
        var finished = new AdapterJobFinished(jobId, state, reason, clock.GetUtcNow());
        return adapters.ChangeAsync(userId, avatarId, AvatarStreams.JobActor(jobId), adapter => AdapterDecisions.Decide(adapter, finished), ct);
    }
}
