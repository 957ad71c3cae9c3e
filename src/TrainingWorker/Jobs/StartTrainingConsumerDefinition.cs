using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// The training queue hands a worker only as many jobs as it runs at once (<see cref="TrainingJobOptions.MaxConcurrentJobs"/>):
/// the rest wait in RabbitMQ, where an idle worker can take them.
/// </summary>
public sealed class StartTrainingConsumerDefinition : ConsumerDefinition<StartTrainingConsumer>
{
    private readonly int maxConcurrentJobs;

    public StartTrainingConsumerDefinition(IOptions<TrainingJobOptions> options)
    {
        maxConcurrentJobs = options.Value.MaxConcurrentJobs;
        EndpointName = StartTrainingConsumer.QueueName;
        ConcurrentMessageLimit = maxConcurrentJobs;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<StartTrainingConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = maxConcurrentJobs;
        endpointConfigurator.ConcurrentMessageLimit = maxConcurrentJobs;
    }
}
