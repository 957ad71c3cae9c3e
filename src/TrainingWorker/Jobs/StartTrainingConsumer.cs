using System.Diagnostics;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.ServiceDefaults;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.ServiceDefaults.Telemetry;
using AdapterPipeline.TrainingWorker.AdapterVersions;
using AdapterPipeline.TrainingWorker.Checkpoints;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.TrainingWorker.Reports;
using AdapterPipeline.TrainingWorker.Training;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// Runs one training job per <see cref="StartTraining"/>: downloads and verifies the snapshotted files, trains (or
/// creates an untrained adapter), stages the files and reports <see cref="AdapterTrained"/>. The delivery stays
/// unacknowledged until the job has ended, so a worker that dies hands the job back to the queue. Every ending
/// but a shutdown completes the message: a failed job is reported, not retried. Each delivery is first checked with
/// the metadata service and skipped when the job ended or another delivery already runs it (<see cref="JobStartRule"/>).
/// Training checkpoints as it goes, so a job handed back resumes where its last checkpoint left it; every other ending
/// removes the checkpoint.
/// </summary>
public sealed partial class StartTrainingConsumer(
    IAdapterTrainer trainer,
    TrainingFileDownloader downloader,
    AdapterStaging staging,
    JobCheckpoints checkpoints,
    AdapterVersionDownloader versions,
    JobLivenessCheck liveness,
    RunningTrainingJobs jobs,
    TrainingDevice device,
    ServiceIdentity identity,
    IOptions<TrainingJobOptions> options,
    TimeProvider clock,
    ILogger<StartTrainingConsumer> logger) : IConsumer<StartTraining>
{
    /// <summary>The training workers' queue, where the training saga sends <see cref="StartTraining"/>.</summary>
    public const string QueueName = Contracts.CommandQueues.StartTraining;

    public async Task Consume(ConsumeContext<StartTraining> context)
    {
        var message = context.Message;
        if (jobs.WasCancelled(message.JobId))
        {
            LogSkipped(message.JobId);
            await context.Publish(new TrainingCancelled(message.JobId, clock.GetUtcNow()));
            return;
        }
        var redelivered = context.ReceiveContext.Redelivered || context.GetRedeliveryCount() > 0;
        if (JobStartRule.ReasonToSkip(await liveness.StateAsync(message.JobId, context.CancellationToken), redelivered) is { } reason)
        {
            LogNotRun(message.JobId, reason);
            return;
        }

        var wallTime = Stopwatch.StartNew();
        // MassTransit cancels the consume context's token when the worker stops (see TrainingJobServices).
        using var job = jobs.Start(message.JobId, context.CancellationToken);
        var workDirectory = Directory.CreateTempSubdirectory($"training-job-{message.JobId:N}-").FullName;
        try
        {
            var attempt = 1 + Math.Max(context.GetRedeliveryCount(), context.ReceiveContext.Redelivered ? 1 : 0);
            LogStarted(message.JobId, message.Kind, attempt);
            await context.Publish(new TrainingStarted(message.JobId, identity.Instance, device.Description, attempt, clock.GetUtcNow()));

            AdapterTrained trained;
            // Disposed in reverse order before the result is published, so neither a heartbeat nor progress follows it.
            await using (var progress = new ProgressPublisher(context, message.JobId, clock, logger))
            await using (HeartbeatTimer.Start(context, message.JobId, identity.Instance, () => progress.LastStep, options.Value.HeartbeatInterval, clock, logger))
            {
                trained = await RunAsync(context, workDirectory, progress, job.Token);
            }
            await context.Publish(trained with { TrainingSeconds = wallTime.Elapsed.TotalSeconds });
            PipelineMetrics.TrainingFinished(trained.BaseModel, trained.Metrics?.Device ?? device.Device.type.ToString().ToLowerInvariant(),
                wallTime.Elapsed.TotalSeconds, trained.Metrics?.TokensPerSecond);
            LogFinished(message.JobId, trained.Trained, wallTime.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (job.CancelledByRequest)
        {
            LogCancelled(message.JobId);
            await checkpoints.RemoveAsync(message);
            await context.Publish(new TrainingCancelled(message.JobId, clock.GetUtcNow()));
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The worker is stopping; not the job's fault. An exception that carries the consume context's own,
            // cancelled token is not a fault to MassTransit: the delivery is not acknowledged and returns to the queue,
            // and nothing is published, so another worker starts the job afresh.
            LogHandedBack(message.JobId);
            throw new OperationCanceledException($"Worker stopping; job {message.JobId} returns to the queue.", context.CancellationToken);
        }
        catch (Exception ex)
        {
            var error = Describe(ex);
            if (IsExpected(ex))
            {
                LogFailed(message.JobId, error);
            }
            else
            {
                LogCrashed(ex, message.JobId);
            }
            await checkpoints.RemoveAsync(message);
            await context.Publish(new TrainingFailed(message.JobId, error, clock.GetUtcNow()));
        }
        finally
        {
            TryDelete(workDirectory);
        }
    }

    private async Task<AdapterTrained> RunAsync(ConsumeContext<StartTraining> context, string workDirectory, ProgressPublisher progress, CancellationToken ct)
    {
        var message = context.Message;
        var request = TrainingJobMapping.ToTrainingRequest(message.Hyperparameters, message.Files);
        var output = Directory.CreateDirectory(Path.Combine(workDirectory, "adapter")).FullName;
        var stagingFolder = StorageKeys.JobStaging(message.UserId, message.AvatarId, message.JobId);
        switch (message.Kind)
        {
            case TrainingJobKind.Train:
            {
                var files = await downloader.DownloadAsync(message.Files, Directory.CreateDirectory(Path.Combine(workDirectory, "data")).FullName, ct);
                if (message.Hyperparameters?.InitFromVersion is { } version)
                {
                    request = request with { InitFrom = await versions.DownloadAsync(message, version, workDirectory, ct) };
                }
                TrainingResult result;
                await using (var uploads = await checkpoints.OpenAsync(context, message, workDirectory, ct))
                {
                    result = await trainer.TrainAsync(request, files, output, progress, uploads.Checkpoints, ct);
                }
                var trainedOn = message.Files.Select(f => new TrainingManifestFile(f.FileName, f.SizeBytes, f.Sha256)).ToList();
                await staging.UploadAsync(stagingFolder, result.Files, TrainingManifests.Trained(message.JobId, request, result, trainedOn),
                    LossCurvePng.Render(result.Metrics), ct);
                await checkpoints.RemoveAsync(message);
                return new AdapterTrained(message.JobId, request.BaseModel, true, TrainingJobMapping.ToSummary(result.Metrics), 0);
            }
            case TrainingJobKind.Create:
            {
                var files = await trainer.CreateUntrainedAsync(request, output, ct);
                var metrics = TrainingJobMapping.UntrainedMetrics(device.Device.type.ToString().ToLowerInvariant());
                await staging.UploadAsync(stagingFolder, files, TrainingManifests.Untrained(message.JobId, request, metrics), lossCurve: null, ct);
                return new AdapterTrained(message.JobId, request.BaseModel, false, null, 0);
            }
            default:
                throw new UnknownJobKindException(message.Kind);
        }
    }

    /// <summary>Failures that follow from the job itself: running it again would fail the same way.</summary>
    private static bool IsExpected(Exception ex) => ex is InvalidTrainingRequestException or TrainingDataException or TrainingDivergedException or TrainingFileChangedException
        or UnknownJobKindException or StagingUploadFailedException or NotSupportedException or DirectoryNotFoundException or FileNotFoundException;

    /// <summary>The error for <see cref="TrainingFailed"/>: the trainer's messages name fields, files and lines, never file contents.</summary>
    internal static string Describe(Exception ex) => IsExpected(ex)
        ? ex.Message
        : $"training failed unexpectedly ({ex.GetType().Name}); the worker's log has the details";

    private void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(ex, directory);
        }
    }

    [LoggerMessage(LogLevel.Information, "job {JobId}: {Kind} started (attempt {Attempt})")]
    private partial void LogStarted(Guid jobId, string kind, int attempt);

    [LoggerMessage(LogLevel.Information, "job {JobId}: adapter staged (trained: {Trained}) after {Seconds:0.0} s")]
    private partial void LogFinished(Guid jobId, bool trained, double seconds);

    [LoggerMessage(LogLevel.Information, "job {JobId}: cancelled before it started; skipped")]
    private partial void LogSkipped(Guid jobId);

    [LoggerMessage(LogLevel.Information, "job {JobId}: skipped: {Reason}")]
    private partial void LogNotRun(Guid jobId, string reason);

    [LoggerMessage(LogLevel.Information, "job {JobId}: cancelled")]
    private partial void LogCancelled(Guid jobId);

    [LoggerMessage(LogLevel.Warning, "job {JobId}: worker stopping; the job goes back to the queue")]
    private partial void LogHandedBack(Guid jobId);

    [LoggerMessage(LogLevel.Warning, "job {JobId}: failed: {Error}")]
    private partial void LogFailed(Guid jobId, string error);

    [LoggerMessage(LogLevel.Error, "job {JobId}: failed unexpectedly")]
    private partial void LogCrashed(Exception exception, Guid jobId);

    [LoggerMessage(LogLevel.Warning, "could not delete the work directory {Directory}")]
    private partial void LogCleanupFailed(Exception exception, string directory);
}

/// <summary>A <see cref="StartTraining"/> whose kind is neither train nor create.</summary>
public sealed class UnknownJobKindException(string? kind)
    : Exception($"unknown job kind '{kind}'; expected {TrainingJobKind.Train} or {TrainingJobKind.Create}");
