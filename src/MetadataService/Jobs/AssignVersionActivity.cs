using AdapterPipeline.Contracts.Training;
using AdapterPipeline.MetadataService.Adapters;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// Gives the trained adapter the next version number. Only one job runs per avatar, and a job is assigned once
/// (a duplicate AdapterTrained is ignored in Packaging), so a job never produces two versions.
/// </summary>
public sealed class AssignVersionActivity(AvatarAdapterWriter adapters) : IStateMachineActivity<TrainingJob, AdapterTrained>
{
    public async Task Execute(BehaviorContext<TrainingJob, AdapterTrained> context, IBehavior<TrainingJob, AdapterTrained> next)
    {
        var adapter = await adapters.ReadAsync(context.Saga.UserId, context.Saga.AvatarId, context.CancellationToken);
        context.Saga.Version = (adapter?.HighestVersion ?? 0) + 1;
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<TrainingJob, AdapterTrained, TException> context, IBehavior<TrainingJob, AdapterTrained> next)
        where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope("assign-version");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);
}
