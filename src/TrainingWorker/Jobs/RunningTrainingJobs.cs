using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// The jobs this process is running, by job id, so that a <c>CancelTraining</c> (which reaches every worker) stops
/// the one that runs it; and the job ids cancelled lately, so that a job cancelled while it waited in the queue is
/// skipped when it arrives.
/// </summary>
public sealed class RunningTrainingJobs(IOptions<TrainingJobOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, RunningTrainingJob> running = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> cancelled = new();

    /// <summary>Registers a job; its token fires on <see cref="Cancel"/> or when <paramref name="stopping"/> fires.</summary>
    public RunningTrainingJob Start(Guid jobId, CancellationToken stopping)
    {
        var job = new RunningTrainingJob(jobId, stopping, () => running.TryRemove(jobId, out _));
        if (!running.TryAdd(jobId, job))
        {
            job.Dispose();
            throw new InvalidOperationException($"Job {jobId} is already running in this worker.");
        }
        if (WasCancelled(jobId))
        {
            job.CancelByRequest();
        }
        return job;
    }

    /// <summary>Stops the job if it runs here, and remembers that it was cancelled either way.</summary>
    public bool Cancel(Guid jobId)
    {
        Forget();
        cancelled[jobId] = clock.GetUtcNow();
        if (running.TryGetValue(jobId, out var job))
        {
            job.CancelByRequest();
            return true;
        }
        return false;
    }

    public bool WasCancelled(Guid jobId) =>
        cancelled.TryGetValue(jobId, out var at) && clock.GetUtcNow() - at < options.Value.CancelledJobRetention;

    public bool IsRunning(Guid jobId) => running.ContainsKey(jobId);

    private void Forget()
    {
        var cutoff = clock.GetUtcNow() - options.Value.CancelledJobRetention;
        foreach (var (jobId, at) in cancelled)
        {
            if (at < cutoff)
            {
                cancelled.TryRemove(jobId, out _);
            }
        }
    }
}

/// <summary>A job in progress: one token for everything that should stop it, and why it stopped.</summary>
public sealed class RunningTrainingJob : IDisposable
{
    private readonly CancellationTokenSource requested = new();
    private readonly CancellationTokenSource linked;
    private readonly Action unregister;

    internal RunningTrainingJob(Guid jobId, CancellationToken stopping, Action unregister)
    {
        JobId = jobId;
        linked = CancellationTokenSource.CreateLinkedTokenSource(requested.Token, stopping);
        this.unregister = unregister;
    }

    public Guid JobId { get; }

    public CancellationToken Token => linked.Token;

    /// <summary>True when a <c>CancelTraining</c> stopped the job (as opposed to the worker shutting down).</summary>
    public bool CancelledByRequest => requested.IsCancellationRequested;

    internal void CancelByRequest()
    {
        try
        {
            requested.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The job ended while the cancel arrived.
        }
    }

    public void Dispose()
    {
        unregister();
        linked.Dispose();
        requested.Dispose();
    }
}
