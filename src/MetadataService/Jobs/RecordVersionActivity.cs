using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>Records the packaged version in the avatar's stream (once per job) and makes it current.</summary>
public sealed class RecordVersionActivity(AvatarAdapterWriter adapters, TimeProvider clock) : IStateMachineActivity<TrainingJob, AdapterPackaged>
{
    public async Task Execute(BehaviorContext<TrainingJob, AdapterPackaged> context, IBehavior<TrainingJob, AdapterPackaged> next)
    {
        var job = context.Saga;
        var m = context.Message;
        var recorded = new AdapterVersionRecorded(job.CorrelationId, job.AdapterName, m.Version, job.Trained, job.BaseModel ?? "",
            m.Key, m.Sha256, m.SizeBytes, job.Metrics, clock.GetUtcNow());
        await adapters.ChangeAsync(job.UserId, job.AvatarId, AvatarStreams.JobActor(job.CorrelationId), adapter => AdapterDecisions.Decide(adapter, recorded), context.CancellationToken);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<TrainingJob, AdapterPackaged, TException> context, IBehavior<TrainingJob, AdapterPackaged> next)
        where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("record-version");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
