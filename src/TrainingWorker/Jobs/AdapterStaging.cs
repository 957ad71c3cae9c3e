using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.ServiceDefaults.Resilience;
using AdapterPipeline.ServiceDefaults.Storage;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// Uploads a job's adapter files to its staging folder, where the packaging worker picks them up. The files stay on
/// local disk while S3 is unreachable: the whole upload is tried again with backoff for
/// <see cref="TrainingJobOptions.StagingUploadPatience"/>, since the run behind it may have taken hours.
/// </summary>
public sealed partial class AdapterStaging(ObjectStore store, IOptions<TrainingJobOptions> options, TimeProvider clock, ILogger<AdapterStaging> logger)
{
    /// <summary>
    /// Uploads adapter_config.json, adapter_model.safetensors and training_manifest.json to
    /// <paramref name="stagingFolder"/> (<see cref="StorageKeys.JobStaging"/>), and loss_curve.png when
    /// <paramref name="lossCurve"/> is given. Throws <see cref="StagingUploadFailedException"/> with the real cause
    /// when S3 refuses, or stays unreachable past the patience.
    /// </summary>
    public async Task UploadAsync(string stagingFolder, AdapterFiles files, TrainingManifest manifest, byte[]? lossCurve, CancellationToken ct)
    {
        // The manifest is small; written to a file first so the upload streams like the others.
        var manifestPath = Path.Combine(Path.GetDirectoryName(files.AdapterConfigPath)!, StagedAdapterFiles.Manifest);
        await using (var stream = File.Create(manifestPath))
        {
            await TrainingManifestJson.WriteAsync(stream, manifest, ct);
        }

        var o = options.Value;
        var started = clock.GetTimestamp();
        var delay = o.StagingRetryFirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attemptTimeout.CancelAfter(o.StagingAttemptTimeout);
                await UploadOnceAsync(stagingFolder, files, manifestPath, lossCurve, attemptTimeout.Token);
                if (attempt > 1)
                {
                    LogStagedAfterRetries(manifest.JobId, attempt, clock.GetElapsedTime(started).TotalSeconds);
                }
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && !IsTransient(ex))
            {
                throw new StagingUploadFailedException($"the trained adapter could not be staged: {TransientFaults.DescribeS3(ex)}", ex);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var elapsed = clock.GetElapsedTime(started);
                if (elapsed + delay > o.StagingUploadPatience)
                {
                    throw new StagingUploadFailedException(
                        $"the trained adapter could not be staged: {TransientFaults.DescribeS3(ex)} for {elapsed.TotalMinutes:0.#} min ({attempt} attempts)", ex);
                }
                LogRetrying(manifest.JobId, attempt, TransientFaults.DescribeS3(ex), delay.TotalSeconds);
                await Task.Delay(delay, clock, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, o.StagingRetryMaxDelay.Ticks));
            }
        }
    }

    /// <summary>A cancellation that is not the job's is the S3 client's own timeout.</summary>
    private static bool IsTransient(Exception ex) => ex is OperationCanceledException || TransientFaults.IsTransient(ex);

    private async Task UploadOnceAsync(string stagingFolder, AdapterFiles files, string manifestPath, byte[]? lossCurve, CancellationToken ct)
    {
        await UploadFileAsync(stagingFolder + StagedAdapterFiles.Config, files.AdapterConfigPath, "application/json", ct);
        await UploadFileAsync(stagingFolder + StagedAdapterFiles.Weights, files.AdapterWeightsPath, "application/octet-stream", ct);
        await UploadFileAsync(stagingFolder + StagedAdapterFiles.Manifest, manifestPath, "application/json", ct);
        if (lossCurve is not null)
        {
            await using var png = new MemoryStream(lossCurve, writable: false);
            await store.UploadAsync(stagingFolder + StagedAdapterFiles.LossCurve, png, "image/png", ct);
        }
    }

    private async Task UploadFileAsync(string key, string path, string contentType, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        await store.UploadAsync(key, stream, contentType, ct);
    }

    [LoggerMessage(LogLevel.Warning, "job {JobId}: staging attempt {Attempt} failed ({Cause}); the adapter stays on disk, next attempt in {DelaySeconds:0.#} s")]
    private partial void LogRetrying(Guid jobId, int attempt, string cause, double delaySeconds);

    [LoggerMessage(LogLevel.Information, "job {JobId}: adapter staged on attempt {Attempt} after {Seconds:0.#} s")]
    private partial void LogStagedAfterRetries(Guid jobId, int attempt, double seconds);
}
