using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Messaging;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// What each adapter or job command appends to the avatar's stream, decided from <see cref="AvatarAdapter"/> alone:
/// pure functions, no I/O, a refusal thrown as <see cref="RequestRejectedException"/>.
/// </summary>
public static class AdapterDecisions
{
    /// <summary>
    /// Records the proposed job, unless its idempotency key was used already (nothing to append: the caller answers
    /// with the job of that key) or another job is running. A job for an existing adapter keeps the adapter's name.
    /// </summary>
    public static IReadOnlyList<object> Decide(AvatarAdapter state, TrainingJobSubmitted proposed)
    {
        if (proposed.IdempotencyKey is { } key && state.IdempotencyKeys.ContainsKey(key))
        {
            return [];
        }
        if (state.RunningJobId is { } running)
        {
            throw new RequestRejectedException(RejectionReasons.JobRunning, $"The avatar already has a job in progress ({running}).", runningJobId: running);
        }
        return [proposed with { AdapterName = state.Exists ? state.AdapterName : proposed.AdapterName }];
    }

    /// <summary>Frees the avatar for the next job, once, and only for the job that is running.</summary>
    public static IReadOnlyList<object> Decide(AvatarAdapter state, AdapterJobFinished proposed) =>
        state.RunningJobId == proposed.JobId ? [proposed] : [];

    /// <summary>A job records at most one version.</summary>
    public static IReadOnlyList<object> Decide(AvatarAdapter state, AdapterVersionRecorded proposed) =>
        state.Versions.Any(v => v.JobId == proposed.JobId) ? [] : [proposed];

    public static IReadOnlyList<object> Decide(AvatarAdapter state, RestoreAdapterVersion command, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            throw NoAdapter();
        }
        if (state.Versions.All(v => v.Version != command.Version))
        {
            throw RequestRejectedException.Field(RejectionReasons.NotFound, "version", $"The adapter has no version {command.Version}.");
        }
        return command.Version == state.CurrentVersion ? [] : [new AdapterVersionRestored(command.Version, state.CurrentVersion, now)];
    }

    /// <param name="objectCount">How many objects lie under the adapter's prefix; they are deleted after the commit.</param>
    public static IReadOnlyList<object> Decide(AvatarAdapter state, DeleteAdapter command, int objectCount, DateTimeOffset now)
    {
        if (!state.Exists && state.RunningJobId is null)
        {
            throw NoAdapter();
        }
        return [new AdapterRemoved(state.AdapterName, objectCount, state.RunningJobId, now)];
    }

    public static RequestRejectedException NoAdapter() =>
        RequestRejectedException.Field(RejectionReasons.NotFound, "avatar_id", "The avatar has no adapter.");
}
