using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

/// <summary>
/// Makes sure the avatar has an adapter: nothing to do when it has one; otherwise a create job writes an untrained
/// (B = 0) adapter through the same workers as training. A job already running for the avatar is answered instead.
/// </summary>
public sealed class CreateAdapterConsumer(JobSubmission submission, AvatarAdapterWriter writer) : IConsumer<CreateAdapter>
{
    public Task Consume(ConsumeContext<CreateAdapter> context) => context.AnswerAdapterRejectionsAsync(async () =>
    {
        var m = context.Message;
        var errors = AdapterNames.Check(m.UserId, m.AvatarId, m.AdapterName).ToDictionary();
        if (m.BaseModel is not null && m.BaseModel.Length is 0 or > 128)
        {
            errors["base_model"] = ["must be 1 to 128 characters"];
        }
        AdapterRejection.ThrowIfAny(errors);

        var adapter = await writer.ReadAsync(m.UserId, m.AvatarId, context.CancellationToken);
        if (adapter is { Exists: true })
        {
            await context.RespondAsync(new AdapterCreationAccepted(AlreadyExisted: true, JobId: null));
            return;
        }
        if (adapter?.RunningJobId is { } running)
        {
            await context.RespondAsync(new AdapterCreationAccepted(AlreadyExisted: false, JobId: running));
            return;
        }
        Guid jobId;
        try
        {
            jobId = (await submission.SubmitAsync(TrainingJobKind.Create, m.UserId, m.AvatarId, m.AdapterName,
                new TrainingHyperparameters(BaseModel: m.BaseModel), [], webhookUrl: null, $"message:{context.MessageId}", context.CancellationToken)).JobId;
        }
        catch (AdapterRejection rejection) when (rejection.ToMessage().RunningJobId is { } raced)
        {
            // Another request started a job between the read and the submission: that job creates the adapter.
            jobId = raced;
        }
        await context.RespondAsync(new AdapterCreationAccepted(AlreadyExisted: false, JobId: jobId));
    });
}
