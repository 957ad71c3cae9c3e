using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.Outbox;
using AdapterPipeline.MetadataService.TrainingData;
using AdapterPipeline.MetadataService.Usage;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// Records a job in the avatar's stream (at most one running per avatar, idempotency keys honoured) with the
/// <see cref="JobSubmitted"/> that starts its saga, in one transaction (<see cref="MessageOutbox"/>). A replay whose saga
/// does not exist yet (the message still waits in the outbox) publishes it again from the recorded event; the saga
/// ignores a duplicate.
/// A new job counts against the user's quotas (concurrent jobs, avatars), decided under the user's lock.
/// </summary>
public sealed class JobSubmission(
    AvatarAdapterWriter writer, IDocumentStore store, IPublishEndpoint publish, UserLock userLock, UserUsageReader usageReader,
    IOptions<QuotaOptions> quotas, TimeProvider clock)
{
    public sealed record Outcome(Guid JobId, bool Replayed);

    public async Task<Outcome> SubmitAsync(
        string kind, string userId, string avatarId, string actedBy, string? adapterName, TrainingHyperparameters hyperparameters,
        IReadOnlyList<FileForTraining> files, string? webhookUrl, string? idempotencyKey, CancellationToken ct)
    {
        var proposed = new TrainingJobSubmitted(NewId.NextGuid(), userId, avatarId, kind, adapterName ?? AvatarAdapter.DefaultName,
            idempotencyKey, files, hyperparameters, clock.GetUtcNow());
        await using var held = await userLock.AcquireAsync(userId, ct);
        var usage = await usageReader.ReadAsync(userId, ct);
        var change = await writer.ChangeAsync(userId, avatarId, actedBy, state =>
        {
            var events = AdapterDecisions.Decide(state, proposed);
            if (events.Count > 0)
            {
                QuotaRules.CheckJob(usage, avatarId, quotas.Value);
            }
            return events;
        }, ct, events => events.OfType<TrainingJobSubmitted>().Select(e => new OutgoingMessage(Start(e, webhookUrl))));

        if (change.Events.OfType<TrainingJobSubmitted>().SingleOrDefault() is { } recorded)
        {
            return new Outcome(recorded.JobId, Replayed: false);
        }
        var existing = change.Before.IdempotencyKeys[idempotencyKey!];
        if (await LostSubmissionAsync(userId, avatarId, existing, ct) is { } lost)
        {
            await publish.Publish(Start(lost, webhookUrl), ct);
        }
        return new Outcome(existing, Replayed: true);
    }

    private static JobSubmitted Start(TrainingJobSubmitted e, string? webhookUrl) =>
        new(e.JobId, e.Kind, e.UserId, e.AvatarId, e.AdapterName, e.Hyperparameters, e.Files, webhookUrl, e.SubmittedAt);

    private async Task<TrainingJobSubmitted?> LostSubmissionAsync(string userId, string avatarId, Guid jobId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<TrainingJob>(jobId, ct) is not null)
        {
            return null;
        }
        var events = await session.Events.FetchStreamAsync(AvatarStreams.Id(userId, avatarId), token: ct);
        return events.Select(e => e.Data).OfType<TrainingJobSubmitted>().FirstOrDefault(e => e.JobId == jobId);
    }
}
