using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// Removes what a cancelled job's workers still produced: its staged files, and its ZIP when the object under the
/// version key is this job's (a later job may have taken the same version number).
/// </summary>
public sealed class DiscardArtifactsActivity(ObjectStore objects) : IStateMachineActivity<TrainingJob>
{
    public async Task Execute(BehaviorContext<TrainingJob> context, IBehavior<TrainingJob> next)
    {
        await DiscardAsync(context.Saga, context.CancellationToken);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<TrainingJob, T> context, IBehavior<TrainingJob, T> next) where T : class
    {
        await DiscardAsync(context.Saga, context.CancellationToken);
        await next.Execute(context);
    }

    private async Task DiscardAsync(TrainingJob job, CancellationToken ct)
    {
        await objects.DeletePrefixAsync(job.StagingPrefix, ct);
        if (job.Version is not { } version)
        {
            return;
        }
        var key = StorageKeys.AdapterVersion(job.UserId, job.AvatarId, job.AdapterName, version);
        var head = await objects.HeadAsync(key, ct);
        if (head?.Metadata[AdapterZipMetadata.JobId] is { } owner && Guid.TryParse(owner, out var ownerJob) && ownerJob == job.CorrelationId)
        {
            await objects.DeleteAsync(key, ct);
        }
    }

    public Task Faulted<TException>(BehaviorExceptionContext<TrainingJob, TException> context, IBehavior<TrainingJob> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<TrainingJob, T, TException> context, IBehavior<TrainingJob, T> next)
        where T : class where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("discard-artifacts");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
