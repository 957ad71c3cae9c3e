using System.Diagnostics;
using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.ServiceDefaults.Resilience;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.ServiceDefaults.Telemetry;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>
/// Packages a job's staged adapter files, announces the ZIP, then removes the staging folder.
/// <para>
/// Redelivery: the ZIP carries the job id as object metadata. A delivery that finds the version already stored by
/// the same job publishes <see cref="AdapterPackaged"/> again from the stored object (staging may be gone by then)
/// instead of building or failing. Staging is deleted only after the event is published, so until then a crash
/// loses nothing.
/// </para>
/// <para>
/// Failures: input that cannot be packaged publishes <see cref="PackagingFailed"/> at once; a passing S3 or broker
/// error throws into the endpoint's retries, and <see cref="PackageAdapterFaultConsumer"/> reports the job
/// failed when they run out.
/// </para>
/// </summary>
public sealed class PackageAdapterConsumer(AdapterPackager packager, ObjectStore store, ILogger<PackageAdapterConsumer> logger)
    : IConsumer<PackageAdapter>
{
    public async Task Consume(ConsumeContext<PackageAdapter> context)
    {
        var started = Stopwatch.GetTimestamp();
        var message = context.Message;
        logger.LogInformation("Job {JobId}: packaging version {Version}", message.JobId, message.Version);

        PackagedAdapter packaged;
        try
        {
            packaged = await packager.PackageAsync(message, context.CancellationToken);
        }
        catch (PackagingInputException ex)
        {
            logger.LogWarning("Job {JobId}: packaging failed: {Reason}", message.JobId, ex.Message);
            await context.Publish(new PackagingFailed(message.JobId, ex.Message), context.CancellationToken);
            return;
        }

        var zip = packaged.Zip;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await context.Publish(new AdapterPackaged(message.JobId, message.Version, zip.Key, zip.Sha256, zip.SizeBytes, seconds),
            context.CancellationToken);
        PipelineMetrics.PackagingFinished(seconds);
        await RemoveStagingAsync(message, context.CancellationToken);
    }

    /// <summary>
    /// Best effort: the ZIP is stored and announced, so a leftover staging folder is wasted space, not a wrong answer;
    /// retrying the message for it would only announce the ZIP twice.
    /// </summary>
    private async Task RemoveStagingAsync(PackageAdapter message, CancellationToken ct)
    {
        try
        {
            var removed = await store.DeletePrefixAsync(StorageKeys.JobStaging(message.UserId, message.AvatarId, message.JobId), ct);
            logger.LogInformation("Job {JobId}: removed {Count} staged objects", message.JobId, removed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Job {JobId}: staged files were left in place ({Error})", message.JobId, ex.GetType().Name);
        }
    }
}

/// <summary>
/// Passing faults (S3 and broker) are retried on the endpoint with backoff (<see cref="PackagingRetryOptions"/>);
/// anything else fails at once. At most two ZIPs are built at once per worker (disk and bandwidth).
/// </summary>
public sealed class PackageAdapterConsumerDefinition : ConsumerDefinition<PackageAdapterConsumer>
{
    public PackageAdapterConsumerDefinition()
    {
        EndpointName = Contracts.CommandQueues.PackageAdapter;
        ConcurrentMessageLimit = 2;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PackageAdapterConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var o = context.GetRequiredService<IOptions<PackagingRetryOptions>>().Value;
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsTransient);
            r.Exponential(o.RetryLimit, TimeSpan.FromSeconds(1), o.RetryMaxInterval, TimeSpan.FromSeconds(1));
        });
    }
}
