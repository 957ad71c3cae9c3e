using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Webhooks;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>What a webhook says: its <c>data</c> object, the same shape for every event type (snake_case).</summary>
public sealed record WebhookEventData(Guid? JobId, string UserId, string AvatarId, string AdapterName, string State, int? Version, string? Error);

/// <summary>One event to send, with the key that makes recording it idempotent.</summary>
/// <param name="Key">Unique per source event: the same event consumed twice yields the same deliveries.</param>
public sealed record WebhookEvent(string Type, DateTimeOffset Timestamp, WebhookEventData Data, string Key)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record Body(string Type, DateTime Timestamp, WebhookEventData Data);

    /// <summary>The request body, fixed once so that every attempt sends (and signs) the same bytes.</summary>
    public string ToPayload() => JsonSerializer.Serialize(new Body(Type, Timestamp.UtcDateTime, Data), Json);

    /// <summary>The delivery of this event to one target (a subscription, or the job's own URL): stable across redeliveries of the source message.</summary>
    public Guid DeliveryIdFor(string target)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Key}|{target}"));
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}

/// <summary>Which webhook each source message becomes.</summary>
public static class WebhookEvents
{
    public const string DeletedState = "deleted";

    /// <summary>
    /// A succeeded create job is <c>adapter.created</c>, a succeeded train job <c>adapter.training.succeeded</c>; a
    /// failed or cancelled job of either kind is <c>adapter.training.failed</c> or <c>.cancelled</c>. Null for a
    /// kind or state this system does not announce.
    /// </summary>
    public static string? TypeOf(TrainingJobEnded ended) => (ended.Kind, ended.State) switch
    {
        (TrainingJobKind.Create, TrainingJobStates.Succeeded) => WebhookEventTypes.AdapterCreated,
        (TrainingJobKind.Train, TrainingJobStates.Succeeded) => WebhookEventTypes.TrainingSucceeded,
        (TrainingJobKind.Train or TrainingJobKind.Create, TrainingJobStates.Failed) => WebhookEventTypes.TrainingFailed,
        (TrainingJobKind.Train or TrainingJobKind.Create, TrainingJobStates.Cancelled) => WebhookEventTypes.TrainingCancelled,
        _ => null,
    };

    public static WebhookEvent? From(TrainingJobEnded ended) =>
        TypeOf(ended) is { } type
            ? new WebhookEvent(type, ended.EndedAt,
                new WebhookEventData(ended.JobId, ended.UserId, ended.AvatarId, ended.AdapterName, ended.State, ended.Version, ended.Error),
                $"job:{ended.JobId:N}:{type}")
            : null;

    /// <param name="messageId">The bus message id: a redelivered <see cref="AdapterDeleted"/> keeps it.</param>
    public static WebhookEvent From(AdapterDeleted deleted, DateTimeOffset at, Guid messageId) =>
        new(WebhookEventTypes.AdapterDeleted, at,
            new WebhookEventData(deleted.CancelledJobId, deleted.UserId, deleted.AvatarId, deleted.AdapterName, DeletedState, null, null),
            $"deleted:{messageId:N}");
}
