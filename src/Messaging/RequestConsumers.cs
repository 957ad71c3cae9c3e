using MassTransit;

namespace AdapterPipeline.Messaging;

public static class RequestConsumers
{
    /// <summary>
    /// The one pipe of a consumer that answers requests: what fails (a version-conflict storm, a broker, database or
    /// S3 hiccup) is retried a few times before it faults; a refusal is answered, never retried.
    /// </summary>
    public static void Configure<T>(IRegistrationContext context, IConsumerConfigurator<T> consumer) where T : class
    {
        consumer.UseMessageRetry(r =>
        {
            r.Ignore<RequestRejectedException>();
            r.Intervals(100, 500, 1000, 2000);
        });
        consumer.UseFilter(new AnswerRejectionsFilter<T>());
    }
}
