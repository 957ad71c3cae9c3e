using AdapterPipeline.TrainingWorker.Jobs;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public class When_jobs_are_cancelled_in_the_registry
{
    private readonly ManualClock clock = new();
    private readonly RunningTrainingJobs jobs;

    public When_jobs_are_cancelled_in_the_registry() =>
        jobs = new RunningTrainingJobs(Options.Create(new TrainingJobOptions { CancelledJobRetention = TimeSpan.FromHours(1) }), clock);

    [Fact]
    public void Should_cancel_the_running_job_by_request()
    {
        var jobId = Guid.NewGuid();
        using var job = jobs.Start(jobId, CancellationToken.None);

        Assert.True(jobs.Cancel(jobId));

        Assert.True(job.Token.IsCancellationRequested);
        Assert.True(job.CancelledByRequest);
    }

    [Fact]
    public void Should_tell_a_shutdown_from_a_cancel()
    {
        using var stopping = new CancellationTokenSource();
        using var job = jobs.Start(Guid.NewGuid(), stopping.Token);

        stopping.Cancel();

        Assert.True(job.Token.IsCancellationRequested);
        Assert.False(job.CancelledByRequest);
    }

    [Fact]
    public void Should_leave_other_jobs_running()
    {
        using var job = jobs.Start(Guid.NewGuid(), CancellationToken.None);

        Assert.False(jobs.Cancel(Guid.NewGuid()));

        Assert.False(job.Token.IsCancellationRequested);
    }

    [Fact]
    public void Should_remember_a_cancel_that_arrived_first_for_the_retention_only()
    {
        var jobId = Guid.NewGuid();
        jobs.Cancel(jobId);

        Assert.True(jobs.WasCancelled(jobId));
        using (var job = jobs.Start(jobId, CancellationToken.None))
        {
            Assert.True(job.CancelledByRequest);
        }

        clock.Advance(TimeSpan.FromHours(2));
        Assert.False(jobs.WasCancelled(jobId));
    }

    [Fact]
    public void Should_forget_a_job_once_it_ends()
    {
        var jobId = Guid.NewGuid();
        using (jobs.Start(jobId, CancellationToken.None))
        {
            Assert.True(jobs.IsRunning(jobId));
        }

        Assert.False(jobs.IsRunning(jobId));
        Assert.False(jobs.Cancel(jobId));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
