using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs.Consumers;

/// <summary>
/// Makes sure the avatar has an adapter: nothing to do when it has one; otherwise a create job writes an untrained
/// (B = 0) adapter through the same workers as training. A job already running for the avatar is answered instead.
/// <see cref="GetOrCreateAdapter"/> answers the adapter itself when it exists, so a download asks only once.
/// </summary>
public sealed class CreateAdapterConsumer(JobSubmission submission, AvatarAdapterWriter writer)
    : IConsumer<CreateAdapter>, IConsumer<GetOrCreateAdapter>
{
    public async Task Consume(ConsumeContext<CreateAdapter> context)
    {
        var m = context.Message;
        var errors = AdapterNames.Check(m.UserId, m.AvatarId, m.AdapterName).ToDictionary();
        if (m.BaseModel is not null && m.BaseModel.Length is 0 or > 128)
        {
            errors["base_model"] = ["must be 1 to 128 characters"];
        }
        RequestRejectedException.ThrowIfAny(errors, RejectionReasons.Unprocessable);

        var (adapter, jobId) = await EnsureAsync(context, m.UserId, m.AvatarId, m.ActedBy, m.AdapterName, m.BaseModel);
        await context.RespondAsync(new AdapterCreationAccepted(AlreadyExisted: adapter is not null, JobId: jobId));
    }

    public async Task Consume(ConsumeContext<GetOrCreateAdapter> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(AdapterNames.Check(m.UserId, m.AvatarId, null).ToDictionary(), RejectionReasons.Unprocessable);

        var (adapter, jobId) = await EnsureAsync(context, m.UserId, m.AvatarId, m.ActedBy, adapterName: null, baseModel: null);
        if (adapter is not null)
        {
            await context.RespondAsync(adapter.ToInfo(m.UserId, m.AvatarId));
            return;
        }
        await context.RespondAsync(new AdapterCreationAccepted(AlreadyExisted: false, JobId: jobId));
    }

    /// <summary>The existing adapter, or the job that will produce it (started here when none runs).</summary>
    private async Task<(AvatarAdapter? Existing, Guid? JobId)> EnsureAsync(
        ConsumeContext context, string userId, string avatarId, string? actedBy, string? adapterName, string? baseModel)
    {
        var adapter = await writer.ReadAsync(userId, avatarId, context.CancellationToken);
        if (adapter is { Exists: true })
        {
            return (adapter, null);
        }
        if (adapter?.RunningJobId is { } running)
        {
            return (null, running);
        }
        try
        {
            var outcome = await submission.SubmitAsync(TrainingJobKind.Create, userId, avatarId, AvatarStreams.Actor(actedBy), adapterName,
                new TrainingHyperparameters(BaseModel: baseModel), [], webhookUrl: null, $"message:{context.MessageId}", context.CancellationToken);
            return (null, outcome.JobId);
        }
        catch (RequestRejectedException rejection) when (rejection.RunningJobId is { } raced)
        {
            // Another request started a job between the read and the submission: that job creates the adapter.
            return (null, raced);
        }
    }
}
