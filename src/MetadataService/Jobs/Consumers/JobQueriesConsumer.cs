using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Adapters;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs.Consumers;

/// <summary>Answers job queries from the saga documents, and turns cancel requests into saga events.</summary>
public sealed class JobQueriesConsumer(IDocumentStore store)
    : IConsumer<GetTrainingJob>, IConsumer<GetTrainingJobEvents>, IConsumer<CancelTrainingJob>
{
    public async Task Consume(ConsumeContext<GetTrainingJob> context) =>
        await context.RespondAsync((await LoadAsync(context.Message.JobId, context.CancellationToken)).ToStatus());

    public async Task Consume(ConsumeContext<GetTrainingJobEvents> context)
    {
        var job = await LoadAsync(context.Message.JobId, context.CancellationToken);
        await context.RespondAsync(new TrainingJobEvents(job.CorrelationId, job.History));
    }

    public async Task Consume(ConsumeContext<CancelTrainingJob> context)
    {
        var job = await SagaSavedAsync(context.Message.JobId, context.CancellationToken)
            ?? await LoadAsync(context.Message.JobId, context.CancellationToken);
        if (TrainingJobStates.IsFinal(job.State))
        {
            throw new RequestRejectedException(RejectionReasons.Conflict, $"The job already ended {job.State}.");
        }
        await context.Publish(new JobCancellationRequested(job.CorrelationId, context.Message.Reason ?? "cancelled on request"));
        await context.RespondAsync(job.ToStatus());
    }

    /// <summary>
    /// The saga's document, waiting a few seconds for a job accepted a moment ago: a cancellation must reach a saga
    /// that exists, or it would be discarded.
    /// </summary>
    private async Task<TrainingJob?> SagaSavedAsync(Guid jobId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<TrainingJob>(jobId, ct) is { } job)
            {
                return job;
            }
            if (attempt == 0 && !await session.Events.QueryRawEventDataOnly<TrainingJobSubmitted>().AnyAsync(e => e.JobId == jobId, ct))
            {
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
        return null;
    }

    /// <summary>
    /// The saga's document, or, in the moment between the job's acceptance and its saga's first save, the job as
    /// recorded in the avatar's stream, so a job is visible as soon as the train call has answered.
    /// </summary>
    private async Task<TrainingJob> LoadAsync(Guid jobId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<TrainingJob>(jobId, ct) is { } job)
        {
            return job;
        }
        var submitted = await session.Events.QueryRawEventDataOnly<TrainingJobSubmitted>().Where(e => e.JobId == jobId).FirstOrDefaultAsync(ct)
            ?? throw RequestRejectedException.Field(RejectionReasons.NotFound, "job_id", $"No job {jobId}.");
        var accepted = new TrainingJob
        {
            CorrelationId = jobId,
            Kind = submitted.Kind,
            UserId = submitted.UserId,
            AvatarId = submitted.AvatarId,
            AdapterName = submitted.AdapterName,
            Hyperparameters = submitted.Hyperparameters,
            Files = [.. submitted.Files],
            CreatedAt = submitted.SubmittedAt,
        };
        accepted.Record("queued", submitted.SubmittedAt);
        return accepted;
    }
}
