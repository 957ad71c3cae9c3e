using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.TrainingData;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

/// <summary>Makes an earlier version current again, recorded as <see cref="AdapterVersionRestored"/>.</summary>
public sealed class RestoreAdapterVersionConsumer(AvatarAdapterWriter writer, TimeProvider clock) : IConsumer<RestoreAdapterVersion>
{
    public Task Consume(ConsumeContext<RestoreAdapterVersion> context) => context.AnswerAdapterRejectionsAsync(async () =>
    {
        var m = context.Message;
        AdapterRejection.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary());

        await writer.ChangeAsync(m.UserId, m.AvatarId, (adapter, _) =>
        {
            if (!adapter.Exists)
            {
                throw AdapterRejection.NotFound("The avatar has no adapter.", "avatar_id");
            }
            if (adapter.Versions.All(v => v.Version != m.Version))
            {
                throw AdapterRejection.NotFound($"The adapter has no version {m.Version}.", "version");
            }
            object[] events = m.Version == adapter.CurrentVersion
                ? []
                : [new AdapterVersionRestored(m.Version, adapter.CurrentVersion, clock.GetUtcNow())];
            return Task.FromResult(new AvatarDecision<bool>(events, true));
        }, context.CancellationToken);

        var restored = await writer.ReadAsync(m.UserId, m.AvatarId, context.CancellationToken);
        await context.RespondAsync(restored!.ToInfo(m.UserId, m.AvatarId));
    });
}
