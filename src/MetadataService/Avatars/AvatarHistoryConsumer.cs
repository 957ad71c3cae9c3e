using System.Text.Json;
using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Messaging;
using AdapterPipeline.Domain.Validation;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Avatars;

/// <summary>The avatar's audit trail: every event of its stream, oldest first, a page at a time.</summary>
public sealed class AvatarHistoryConsumer(IDocumentStore store) : IConsumer<GetAvatarHistory>
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task Consume(ConsumeContext<GetAvatarHistory> context)
    {
        var m = context.Message;
        var errors = InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary();
        if (m.Limit is < 1 or > 500) errors["limit"] = ["must be between 1 and 500"];
        if (m.AfterVersion < 0) errors["after_version"] = ["must not be negative"];
        RequestRejectedException.ThrowIfAny(errors, RejectionReasons.Unprocessable);

        await using var session = store.QuerySession();
        var streamId = AvatarStreams.Id(m.UserId, m.AvatarId);
        var state = await session.Events.FetchStreamStateAsync(streamId, context.CancellationToken);
        var events = state is null
            ? []
            : await session.Events.FetchStreamAsync(streamId, fromVersion: m.AfterVersion + 1, token: context.CancellationToken);
        var page = events.Take(m.Limit)
            .Select(e => new AvatarHistoryEntry(e.Version, e.EventTypeName, e.Timestamp, JsonSerializer.Serialize(e.Data, e.EventType, Json),
                e.GetHeader(AvatarStreams.ActedByHeader)?.ToString()))
            .ToList();
        var latest = state?.Version ?? 0;
        long? next = page.Count > 0 && page[^1].Version < latest ? page[^1].Version : null;
        await context.RespondAsync(new AvatarHistory(m.UserId, m.AvatarId, page, latest, next));
    }
}
