using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.TrainingData;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs.Consumers;

/// <summary>
/// Accepts a training job: checks the settings (ranges here, base model and target modules with a training worker),
/// with init_from_version the version to continue (see <see cref="InitFromVersion"/>), snapshots the files flagged for training, records the job in the avatar's stream and starts its saga.
/// Without an idempotency key the message id serves as one, so a redelivered message starts no second job. A job's
/// own webhook URL is checked by the webhook service with the rules its subscriptions follow (and again when sent).
/// </summary>
public sealed class TrainAdapterConsumer(
    JobSubmission submission, TrainingSettingsCheck settings, WebhookUrlCheck urlCheck, AvatarAdapterWriter adapters, IDocumentStore store)
    : IConsumer<TrainAdapter>
{
    public async Task Consume(ConsumeContext<TrainAdapter> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var errors = AdapterNames.Check(m.UserId, m.AvatarId, m.AdapterName).ToDictionary();
        foreach (var (field, messages) in HyperparameterRules.Check(m.Hyperparameters))
        {
            errors[field] = messages;
        }
        if (m.WebhookUrl is not null && await urlCheck.UrlProblemAsync(m.WebhookUrl, ct) is { } refused)
        {
            errors["webhook_url"] = [refused];
        }
        if (m.IdempotencyKey is { Length: > 200 })
        {
            errors["idempotency_key"] = ["must be at most 200 characters"];
        }
        RequestRejectedException.ThrowIfAny(errors, RejectionReasons.Unprocessable);
        var (hyperparameters, initErrors) = await InitFromVersionAsync(m, ct);
        if (initErrors.Length > 0)
        {
            RequestRejectedException.ThrowIfAny(new Dictionary<string, string[]> { ["init_from_version"] = initErrors }, RejectionReasons.Unprocessable);
        }
        RequestRejectedException.ThrowIfAny(await settings.CheckAsync(hyperparameters, ct), RejectionReasons.Unprocessable);

        var files = await FlaggedFilesAsync(m.UserId, m.AvatarId, ct);
        if (files.Count == 0)
        {
            throw new RequestRejectedException(RejectionReasons.NoTrainingFiles, "No training file is flagged for training.",
                new Dictionary<string, string[]> { ["files"] = ["no file is flagged use_for_training"] });
        }

        var key = m.IdempotencyKey ?? $"message:{context.MessageId}";
        var outcome = await submission.SubmitAsync(TrainingJobKind.Train, m.UserId, m.AvatarId, AvatarStreams.Actor(m.ActedBy), m.AdapterName, hyperparameters, files, m.WebhookUrl, key, ct);
        await context.RespondAsync(new TrainingJobAccepted(outcome.JobId, await StateAsync(outcome.JobId, ct), outcome.Replayed));
    }

    private async Task<(TrainingHyperparameters, string[])> InitFromVersionAsync(TrainAdapter m, CancellationToken ct)
    {
        if (m.Hyperparameters.InitFromVersion is not { } number)
        {
            return (m.Hyperparameters, []);
        }
        var adapter = await adapters.ReadAsync(m.UserId, m.AvatarId, ct);
        TrainingHyperparameters? versionSettings = null;
        if (adapter?.Versions.Find(v => v.Version == number) is { } version)
        {
            await using var session = store.QuerySession();
            var events = await session.Events.FetchStreamAsync(AvatarStreams.Id(m.UserId, m.AvatarId), token: ct);
            versionSettings = events.Select(e => e.Data).OfType<TrainingJobSubmitted>().FirstOrDefault(e => e.JobId == version.JobId)?.Hyperparameters;
        }
        return InitFromVersion.Apply(m.Hyperparameters, adapter, versionSettings);
    }

    private async Task<IReadOnlyList<FileForTraining>> FlaggedFilesAsync(string userId, string avatarId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var data = await session.LoadAsync<AvatarTrainingData>(AvatarStreams.Id(userId, avatarId), ct);
        return AvatarTrainingData.ForTraining(data, userId, avatarId);
    }

    private async Task<string> StateAsync(Guid jobId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<TrainingJob>(jobId, ct))?.CurrentState ?? TrainingJobStates.Queued;
    }
}
