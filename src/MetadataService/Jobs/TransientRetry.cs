using AdapterPipeline.ServiceDefaults.Resilience;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// How the saga and the job consumers meet a passing fault: PostgreSQL restarting (57P03, connection refused), S3 or
/// the broker away. The message is tried again with waits that double up to a minute, about twelve minutes in all,
/// so an outage costs time, not the job; anything else fails at once. In-process, because the broker here has no
/// delayed-message plugin for redelivery; a message still failing after that goes to the endpoint's error queue.
/// </summary>
public static class TransientRetry
{
    public static void Configure(IRetryConfigurator retry)
    {
        retry.Handle<Exception>(TransientFaults.IsTransient);
        retry.Exponential(20, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100));
    }
}
