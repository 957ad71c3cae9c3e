using MassTransit;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// A worker process takes one training job at a time (prefetch 1, one consumer at once), so the other jobs wait in
/// RabbitMQ for whichever worker is free. One at a time because a run's determinism rests on process-wide torch state
/// (the global random generator seeded per run, the intra-op thread pool): two runs in one process would interleave
/// their random draws and share the same cores. More throughput means more worker processes.
/// </summary>
public sealed class StartTrainingConsumerDefinition : ConsumerDefinition<StartTrainingConsumer>
{
    public StartTrainingConsumerDefinition()
    {
        EndpointName = StartTrainingConsumer.QueueName;
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<StartTrainingConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = 1;
        endpointConfigurator.ConcurrentMessageLimit = 1;
    }
}
