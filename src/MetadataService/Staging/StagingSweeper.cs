using AdapterPipeline.Domain.Validation;
using AdapterPipeline.ServiceDefaults.Storage;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.Staging;

/// <summary>
/// Deletes presigned uploads never confirmed (or refused) once their URL has expired and the grace has passed. Here,
/// in the service that owns the avatars' layout in S3. Every instance sweeps; deleting a deleted key is harmless.
/// </summary>
public sealed partial class StagingSweeper(
    ObjectStore store, IOptions<StagingSweepOptions> options, IOptions<TrainingDataOptions> trainingData, TimeProvider clock,
    ILogger<StagingSweeper> logger) : BackgroundService
{
    /// <summary>The age at which a staged upload counts as abandoned.</summary>
    public TimeSpan Age => trainingData.Value.UploadUrlLifetime + options.Value.Grace;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next interval tries again; staged uploads only wait a little longer.
                LogFailed(ex);
            }
        }
    }

    /// <summary>One sweep of the whole bucket as of <paramref name="now"/>, a listing page at a time; returns how many objects went.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        var deleted = 0;
        var page = new List<ListedObject>();
        await foreach (var obj in store.ListAsync("users/", ct))
        {
            page.Add(new ListedObject(obj.Key, obj.LastModified ?? now));
            if (page.Count == 1000)
            {
                deleted += await DeleteAsync(page, now, ct);
            }
        }
        deleted += await DeleteAsync(page, now, ct);
        if (deleted > 0)
        {
            LogSwept(deleted);
        }
        return deleted;
    }

    private async Task<int> DeleteAsync(List<ListedObject> page, DateTimeOffset now, CancellationToken ct)
    {
        var abandoned = StagingSweepRules.Abandoned(page, now, Age);
        page.Clear();
        foreach (var key in abandoned)
        {
            await store.DeleteAsync(key, ct);
        }
        return abandoned.Count;
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} abandoned staged uploads")]
    private partial void LogSwept(int count);

    [LoggerMessage(LogLevel.Warning, "The staging sweep failed")]
    private partial void LogFailed(Exception exception);
}
