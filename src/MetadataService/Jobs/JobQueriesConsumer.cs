using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.MetadataService.Adapters;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>Answers job queries from the saga documents, and turns cancel requests into saga events.</summary>
public sealed class JobQueriesConsumer(IDocumentStore store)
    : IConsumer<GetTrainingJob>, IConsumer<GetTrainingJobEvents>, IConsumer<CancelTrainingJob>
{
    public Task Consume(ConsumeContext<GetTrainingJob> context) => context.AnswerAdapterRejectionsAsync(async () =>
        await context.RespondAsync((await LoadAsync(context.Message.JobId, context.CancellationToken)).ToStatus()));

    public Task Consume(ConsumeContext<GetTrainingJobEvents> context) => context.AnswerAdapterRejectionsAsync(async () =>
    {
        var job = await LoadAsync(context.Message.JobId, context.CancellationToken);
        await context.RespondAsync(new TrainingJobEvents(job.CorrelationId, job.History));
    });

    public Task Consume(ConsumeContext<CancelTrainingJob> context) => context.AnswerAdapterRejectionsAsync(async () =>
    {
        var job = await LoadAsync(context.Message.JobId, context.CancellationToken);
        if (TrainingJobStates.IsFinal(job.State))
        {
            throw new AdapterRejection("conflict", $"The job already ended {job.State}.");
        }
        await context.Publish(new JobCancellationRequested(job.CorrelationId, context.Message.Reason ?? "cancelled on request"));
        await context.RespondAsync(job.ToStatus());
    });

    private async Task<TrainingJob> LoadAsync(Guid jobId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<TrainingJob>(jobId, ct)
            ?? throw AdapterRejection.NotFound($"No job {jobId}.", "job_id");
    }
}
