using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Avatars;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

/// <summary>A user's avatars with a current adapter version, from the adapter read model (one indexed query).</summary>
public sealed class ListServedAvatarsConsumer(IDocumentStore store) : IConsumer<ListServedAvatars>
{
    public async Task Consume(ConsumeContext<ListServedAvatars> context)
    {
        var m = context.Message;
        var errors = new ValidationErrors().AddIf("user_id", InputRules.IdProblem(m.UserId));
        if (m.Limit is < 1 or > 1000)
        {
            errors.Add("limit", "must be between 1 and 1000");
        }
        RequestRejectedException.ThrowIfAny(errors.ToDictionary());

        var prefix = AvatarStreams.Id(m.UserId, "");
        await using var session = store.QuerySession();
        var adapters = await session.Query<AvatarAdapter>()
            .Where(a => a.Id.StartsWith(prefix) && a.CurrentVersion > 0)
            .OrderBy(a => a.Id)
            .Take(m.Limit)
            .ToListAsync(context.CancellationToken);
        // LIKE reads '_' in a user id as any character: keep the exact prefix only.
        var avatars = adapters
            .Where(a => a.Id.StartsWith(prefix, StringComparison.Ordinal) && a.Current is not null)
            .Select(a => new ServedAvatar(a.Id[prefix.Length..], a.CurrentVersion, a.Current!.BaseModel, a.Current.CreatedAt))
            .ToList();
        await context.RespondAsync(new ServedAvatars(m.UserId, avatars));
    }
}
