using System.Collections.Concurrent;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.MetadataService.Adapters;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// Holds every live job to its deadlines (<see cref="JobDeadlines"/>: queued, running with heartbeats and advancing
/// steps, packaging, the maximum wall time), ends cancellations no worker confirmed, and ends an avatar's running job
/// whose saga never started. It polls PostgreSQL, so it survives restarts and needs no broker-side scheduler; several
/// instances may run, since the saga ignores a second report.
/// </summary>
public sealed partial class JobWatchdog(
    IDocumentStore store, IBus bus, IServiceScopeFactory scopes, IOptions<JobOptions> options, TimeProvider clock, ILogger<JobWatchdog> logger)
    : BackgroundService
{
    private static readonly string[] LiveStates = ["Queued", "Running", "Packaging"];

    /// <summary>When each running job without a saga was first seen, so it gets <see cref="JobOptions.SagaStartTimeout"/> to start.</summary>
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> withoutSaga = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WatchdogInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(ex);
            }
        }
    }

    public async Task CheckAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var live = await session.Query<TrainingJob>().Where(j => j.CurrentState.IsOneOf(LiveStates)).ToListAsync(ct);
        foreach (var job in live)
        {
            if (job.CurrentState == "Running" && job.CancelRequestedAt is { } requested && now - requested > o.CancellationTimeout)
            {
                await bus.Publish(new JobCancellationOverdue(job.CorrelationId), ct);
            }
            else if (JobDeadlines.Overdue(job, o, now) is { } reason)
            {
                LogOverdue(job.CorrelationId, reason);
                await bus.Publish(new JobOverdue(job.CorrelationId, reason), ct);
            }
        }
        await EndJobsWithoutSagaAsync(session, now, ct);
    }

    private async Task EndJobsWithoutSagaAsync(IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var running = await session.Query<AvatarAdapter>().Where(a => a.RunningJobId != null).ToListAsync(ct);
        var ids = running.Select(a => a.RunningJobId!.Value).ToArray();
        var sagas = (await session.LoadManyAsync<TrainingJob>(ct, ids)).Select(j => j.CorrelationId).ToHashSet();
        foreach (var id in withoutSaga.Keys.Where(id => !ids.Contains(id) || sagas.Contains(id)))
        {
            withoutSaga.TryRemove(id, out _);
        }
        foreach (var adapter in running.Where(a => !sagas.Contains(a.RunningJobId!.Value)))
        {
            var jobId = adapter.RunningJobId!.Value;
            if (now - withoutSaga.GetOrAdd(jobId, now) <= options.Value.SagaStartTimeout)
            {
                continue;
            }
            LogWithoutSaga(jobId);
            await using var scope = scopes.CreateAsyncScope();
            // The stream id is avatar:{user}:{avatar}, and ids never hold a colon.
            var avatar = adapter.Id.Split(':', 3);
            await scope.ServiceProvider.GetRequiredService<DanglingJobs>()
                .EndAsync(avatar[1], avatar[2], jobId, TrainingJobStates.Failed, JobDeadlines.NeverStarted, ct);
            withoutSaga.TryRemove(jobId, out _);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Job {JobId}: {Reason}; failing it")]
    private partial void LogOverdue(Guid jobId, string reason);

    [LoggerMessage(LogLevel.Warning, "Job {JobId} holds its avatar but its saga never started; ending it")]
    private partial void LogWithoutSaga(Guid jobId);

    [LoggerMessage(LogLevel.Error, "The job watchdog's check failed; trying again at the next interval")]
    private partial void LogCheckFailed(Exception ex);
}
