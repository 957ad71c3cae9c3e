using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.MetadataService.Jobs;
using AdapterPipeline.MetadataService.TrainingData;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// Records a job in the avatar's stream (at most one running per avatar, idempotency keys honoured) and starts its
/// saga. A replay whose saga does not exist yet (the process died between the commit and the publish) publishes
/// <see cref="JobSubmitted"/> again from the recorded event; the saga ignores a duplicate.
/// </summary>
public sealed class JobSubmission(AvatarAdapterWriter writer, IDocumentStore store, IPublishEndpoint publish, TimeProvider clock)
{
    public sealed record Outcome(Guid JobId, bool Replayed);

    public async Task<Outcome> SubmitAsync(
        string kind, string userId, string avatarId, string? adapterName, TrainingHyperparameters hyperparameters,
        IReadOnlyList<FileForTraining> files, string? webhookUrl, string? idempotencyKey, CancellationToken ct)
    {
        JobSubmitted? submitted = null;
        var outcome = await writer.ChangeAsync(userId, avatarId, (adapter, _) =>
        {
            if (idempotencyKey is not null && adapter.IdempotencyKeys.TryGetValue(idempotencyKey, out var existing))
            {
                return Task.FromResult(new AvatarDecision<Outcome>([], new Outcome(existing, Replayed: true)));
            }
            if (adapter.RunningJobId is { } running)
            {
                throw new AdapterRejection("job_running", $"The avatar already has a job in progress ({running}).", runningJobId: running);
            }
            var name = adapter.Exists ? adapter.AdapterName : adapterName ?? AvatarAdapter.DefaultName;
            var jobId = NewId.NextGuid();
            var now = clock.GetUtcNow();
            submitted = new JobSubmitted(jobId, kind, userId, avatarId, name, hyperparameters, files, webhookUrl, now);
            object recorded = new TrainingJobSubmitted(jobId, userId, avatarId, kind, name, idempotencyKey, files, hyperparameters, now);
            return Task.FromResult(new AvatarDecision<Outcome>([recorded], new Outcome(jobId, Replayed: false)));
        }, ct);

        submitted ??= await LostSubmissionAsync(userId, avatarId, outcome.JobId, webhookUrl, ct);
        if (submitted is not null)
        {
            await publish.Publish(submitted, ct);
        }
        return outcome;
    }

    private async Task<JobSubmitted?> LostSubmissionAsync(string userId, string avatarId, Guid jobId, string? webhookUrl, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<TrainingJob>(jobId, ct) is not null)
        {
            return null;
        }
        var events = await session.Events.FetchStreamAsync(AvatarStreams.Id(userId, avatarId), token: ct);
        return events.Select(e => e.Data).OfType<TrainingJobSubmitted>().Where(e => e.JobId == jobId)
            .Select(e => new JobSubmitted(e.JobId, e.Kind, userId, avatarId, e.AdapterName, e.Hyperparameters, e.Files, webhookUrl, e.SubmittedAt))
            .FirstOrDefault();
    }
}
