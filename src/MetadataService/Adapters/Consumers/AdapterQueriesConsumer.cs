using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Messaging;
using AdapterPipeline.Domain.Validation;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

public sealed class AdapterQueriesConsumer(AvatarAdapterWriter writer) : IConsumer<GetAdapterInfo>
{
    public async Task Consume(ConsumeContext<GetAdapterInfo> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary(), RejectionReasons.Unprocessable);
        var adapter = await writer.ReadAsync(m.UserId, m.AvatarId, context.CancellationToken);
        if (adapter is not { Exists: true })
        {
            throw new RequestRejectedException(RejectionReasons.NotFound, "The avatar has no adapter.",
                new Dictionary<string, string[]> { ["avatar_id"] = ["the avatar has no adapter"] }, adapter?.RunningJobId);
        }
        await context.RespondAsync(adapter.ToInfo(m.UserId, m.AvatarId));
    }
}
