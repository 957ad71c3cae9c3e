using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// For a job that just reached its final state: records the outcome in the avatar's stream (the avatar may start
/// another job), has the staged files of a job that produced no version removed, and publishes TrainingJobEnded.
/// </summary>
public sealed partial class FinishJobActivity(AvatarAdapterWriter adapters, ILogger<FinishJobActivity> logger)
    : IStateMachineActivity<TrainingJob>
{
    public async Task Execute(BehaviorContext<TrainingJob> context, IBehavior<TrainingJob> next)
    {
        await FinishAsync(context);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<TrainingJob, T> context, IBehavior<TrainingJob, T> next) where T : class
    {
        await FinishAsync(context);
        await next.Execute(context);
    }

    private async Task FinishAsync(BehaviorContext<TrainingJob> context)
    {
        var job = context.Saga;
        var finished = new AdapterJobFinished(job.CorrelationId, job.State, job.Error, job.FinishedAt ?? DateTimeOffset.UtcNow);
        await adapters.ChangeAsync(job.UserId, job.AvatarId, AvatarStreams.JobActor(job.CorrelationId), adapter => AdapterDecisions.Decide(adapter, finished), context.CancellationToken);
        if (job.State != Contracts.Jobs.TrainingJobStates.Succeeded)
        {
            job.Publish(job.Discard(withVersion: false));
        }
        LogFinished(job.CorrelationId, job.State, job.Version);
        job.Publish(job.ToEnded());
    }

    public Task Faulted<TException>(BehaviorExceptionContext<TrainingJob, TException> context, IBehavior<TrainingJob> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<TrainingJob, T, TException> context, IBehavior<TrainingJob, T> next)
        where T : class where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("finish-job");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    [LoggerMessage(LogLevel.Information, "Job {JobId} ended {State} (version {Version})")]
    private partial void LogFinished(Guid jobId, string state, int? version);
}
