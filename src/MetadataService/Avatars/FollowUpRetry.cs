using AdapterPipeline.ServiceDefaults.Resilience;
using MassTransit;

namespace AdapterPipeline.MetadataService.Avatars;

/// <summary>
/// The retry of a follow-up the service sends itself to finish S3 work of a committed change: transient faults are
/// retried with backoff (up to 2 min apart, about an hour in all) until S3 answers.
/// </summary>
public static class FollowUpRetry
{
    public static void Configure<T>(IRegistrationContext context, IConsumerConfigurator<T> consumer) where T : class =>
        consumer.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsTransient);
            r.Exponential(30, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        });
}
