using System.Text.Json;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.TrainingData;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

public sealed class AdapterQueriesConsumer(AvatarAdapterWriter writer, IDocumentStore store)
    : IConsumer<GetAdapterInfo>, IConsumer<GetAvatarHistory>
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public Task Consume(ConsumeContext<GetAdapterInfo> context) => context.AnswerAdapterRejectionsAsync(async () =>
    {
        var m = context.Message;
        AdapterRejection.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary());
        var adapter = await writer.ReadAsync(m.UserId, m.AvatarId, context.CancellationToken);
        if (adapter is not { Exists: true })
        {
            throw new AdapterRejection("not_found", "The avatar has no adapter.",
                new Dictionary<string, string[]> { ["avatar_id"] = ["the avatar has no adapter"] }, adapter?.RunningJobId);
        }
        await context.RespondAsync(adapter.ToInfo(m.UserId, m.AvatarId));
    });

    public Task Consume(ConsumeContext<GetAvatarHistory> context) => context.AnswerAdapterRejectionsAsync(async () =>
    {
        var m = context.Message;
        var errors = InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary();
        if (m.Limit is < 1 or > 500) errors["limit"] = ["must be between 1 and 500"];
        if (m.AfterVersion < 0) errors["after_version"] = ["must not be negative"];
        AdapterRejection.ThrowIfAny(errors);

        await using var session = store.QuerySession();
        var streamId = AvatarStreams.Id(m.UserId, m.AvatarId);
        var state = await session.Events.FetchStreamStateAsync(streamId, context.CancellationToken);
        var events = state is null
            ? []
            : await session.Events.FetchStreamAsync(streamId, fromVersion: m.AfterVersion + 1, token: context.CancellationToken);
        var page = events.Take(m.Limit)
            .Select(e => new AvatarHistoryEntry(e.Version, e.EventTypeName, e.Timestamp, JsonSerializer.Serialize(e.Data, e.EventType, Json)))
            .ToList();
        var latest = state?.Version ?? 0;
        long? next = page.Count > 0 && page[^1].Version < latest ? page[^1].Version : null;
        await context.RespondAsync(new AvatarHistory(m.UserId, m.AvatarId, page, latest, next));
    });
}
