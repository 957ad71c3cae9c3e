using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.ServiceDefaults.Telemetry;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>Counts every state a job enters, and how long it waited in the queue, at the saga's transitions.</summary>
public sealed class JobStateMetrics : IStateObserver<TrainingJob>
{
    public Task StateChanged(BehaviorContext<TrainingJob> context, State currentState, State previousState)
    {
        var state = currentState.Name.ToLowerInvariant();
        if (state is "initial" or "final")
        {
            return Task.CompletedTask;
        }
        PipelineMetrics.JobEntered(state, TrainingJobStates.IsFinal(state));
        if (state == TrainingJobStates.Running && previousState?.Name.ToLowerInvariant() == TrainingJobStates.Queued)
        {
            PipelineMetrics.JobStarted((context.Saga.StartedAt ?? DateTimeOffset.UtcNow) - context.Saga.CreatedAt);
        }
        return Task.CompletedTask;
    }
}
