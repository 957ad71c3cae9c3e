using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs.Consumers;

/// <summary>
/// A deleted adapter's running job is cancelled: the adapter it would produce has nowhere to go. A running job with
/// no live saga (it never started, or ended without freeing the avatar) is ended here, so the avatar is free again.
/// </summary>
public sealed class AdapterDeletedConsumer(IQuerySession session, DanglingJobs dangling) : IConsumer<AdapterDeleted>
{
    public const string Reason = "the adapter was deleted";

    public async Task Consume(ConsumeContext<AdapterDeleted> context)
    {
        var m = context.Message;
        if (m.CancelledJobId is not { } running)
        {
            return;
        }
        var job = await session.LoadAsync<TrainingJob>(running, context.CancellationToken);
        if (job?.FinishedAt is null && job?.CurrentState is not null)
        {
            await context.Publish(new JobCancellationRequested(running, Reason));
            return;
        }
        await dangling.EndAsync(m.UserId, m.AvatarId, running, TrainingJobStates.Cancelled, $"cancelled: {Reason}", context.CancellationToken);
    }
}
