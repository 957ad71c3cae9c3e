using AdapterPipeline.MetadataService.Jobs;

namespace AdapterPipeline.MetadataService.Tests.Jobs;

/// <summary>Each live state has its own deadline, and the reason says which one passed.</summary>
public class When_deadlines_are_checked
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static readonly JobOptions Options = new()
    {
        QueuedTimeout = TimeSpan.FromHours(1),
        HeartbeatTimeout = TimeSpan.FromMinutes(2),
        StallTimeout = TimeSpan.FromMinutes(10),
        PackagingTimeout = TimeSpan.FromMinutes(15),
        MaxWallTime = TimeSpan.FromHours(6),
    };

    private static TrainingJob Job(string state, TimeSpan age, TimeSpan silent, TimeSpan? sinceStep = null, int? step = null) => new()
    {
        CurrentState = state,
        Worker = "host:42",
        CreatedAt = Now - age,
        StartedAt = Now - age,
        UpdatedAt = Now - silent,
        StepAdvancedAt = Now - (sinceStep ?? silent),
        Step = step,
        TotalSteps = step is null ? null : 100,
    };

    [Fact]
    public void Should_leave_jobs_within_their_deadlines_alone()
    {
        Assert.Null(JobDeadlines.Overdue(Job("Queued", TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(59)), Options, Now));
        Assert.Null(JobDeadlines.Overdue(Job("Running", TimeSpan.FromHours(5), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(9), 7), Options, Now));
        Assert.Null(JobDeadlines.Overdue(Job("Packaging", TimeSpan.FromHours(1), TimeSpan.FromMinutes(14)), Options, Now));
    }

    [Fact]
    public void Should_fail_a_job_no_worker_took() =>
        Assert.Equal("no training worker took the job within 1 h",
            JobDeadlines.Overdue(Job("Queued", TimeSpan.FromMinutes(61), TimeSpan.FromMinutes(61)), Options, Now));

    [Fact]
    public void Should_fail_a_silent_worker() =>
        Assert.Equal("no heartbeat from the worker host:42 for 3 min",
            JobDeadlines.Overdue(Job("Running", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3), 7), Options, Now));

    [Fact]
    public void Should_fail_a_live_worker_whose_steps_stopped() =>
        Assert.Equal("the worker host:42 is alive but training made no progress for 11 min (stuck at step 7 of 100)",
            JobDeadlines.Overdue(Job("Running", TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(11), 7), Options, Now));

    [Fact]
    public void Should_fail_a_run_that_never_reached_its_first_step() =>
        Assert.Equal("the worker host:42 is alive but training did not reach its first step within 11 min",
            JobDeadlines.Overdue(Job("Running", TimeSpan.FromMinutes(11), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(11)), Options, Now));

    [Fact]
    public void Should_fail_packaging_that_did_not_finish() =>
        Assert.Equal("packaging did not finish within 15 min",
            JobDeadlines.Overdue(Job("Packaging", TimeSpan.FromHours(1), TimeSpan.FromMinutes(16)), Options, Now));

    [Fact]
    public void Should_fail_any_job_past_its_maximum_wall_time() =>
        Assert.Equal("the job exceeded its maximum wall time of 6 h while running",
            JobDeadlines.Overdue(Job("Running", TimeSpan.FromHours(6.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 50), Options, Now));
}
