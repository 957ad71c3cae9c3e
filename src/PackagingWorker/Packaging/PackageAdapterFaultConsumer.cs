using AdapterPipeline.Contracts.Packaging;
using MassTransit;

namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>
/// When a <see cref="PackageAdapter"/> has used up its retries, says so as <see cref="PackagingFailed"/>, so the job
/// ends instead of waiting. The error names only exception types: their messages may carry object keys.
/// </summary>
public sealed class PackageAdapterFaultConsumer(ILogger<PackageAdapterFaultConsumer> logger) : IConsumer<Fault<PackageAdapter>>
{
    public async Task Consume(ConsumeContext<Fault<PackageAdapter>> context)
    {
        var jobId = context.Message.Message.JobId;
        var errors = string.Join(", ", context.Message.Exceptions.Select(e => e.ExceptionType).Distinct());
        logger.LogError("Job {JobId}: packaging gave up after retries ({Errors})", jobId, errors);
        await context.Publish(new PackagingFailed(jobId, $"Packaging failed after retries ({errors}); the staged files are kept."), context.CancellationToken);
    }
}
