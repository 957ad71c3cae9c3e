using AdapterPipeline.Cli.Jobs;

namespace AdapterPipeline.Cli.Tests.Jobs;

public sealed class When_a_job_is_followed
{
    private static readonly Guid JobId = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static JobEvent Progress(int seconds, int step, double loss) =>
        new(T0.AddSeconds(seconds), "progress", "running", step, 10, loss, null, null);

    [Fact]
    public void Should_estimate_the_time_left_from_the_step_rate()
    {
        var job = JobProgress.Start(JobId)
            .Apply(new JobEvent(T0, "started", "running", null, null, null, null, "worker-1"))
            .Apply(Progress(10, 1, 3.0))
            .Apply(Progress(14, 3, 2.5));

        Assert.Equal(30, job.Percent);
        Assert.Equal(TimeSpan.FromSeconds(14), job.Eta);
        Assert.Equal([3.0, 2.5], job.Losses);
    }

    [Fact]
    public void Should_not_guess_an_eta_before_two_steps()
    {
        var job = JobProgress.Start(JobId).Apply(Progress(10, 1, 3.0));

        Assert.Null(job.Eta);
    }

    [Fact]
    public void Should_be_complete_once_succeeded()
    {
        var job = JobProgress.Start(JobId)
            .Apply(Progress(10, 9, 1.0))
            .Apply(new JobEvent(T0.AddSeconds(20), "succeeded", "succeeded", null, null, null, null, "version 1"));

        Assert.True(job.Ended);
        Assert.Equal(100, job.Percent);
        Assert.Equal(TimeSpan.Zero, job.Eta);
        Assert.Equal("version 1", job.Detail);
    }

    [Fact]
    public void Should_draw_the_highest_loss_tallest_and_the_lowest_shortest()
    {
        Assert.Equal("█▅▁", Sparkline.Of([3.0, 2.0, 1.0]));
        Assert.Equal("▅▅", Sparkline.Of([2.0, 2.0]));
        Assert.Equal("", Sparkline.Of([]));
        Assert.Equal(40, Sparkline.Of(Enumerable.Range(0, 100).Select(i => (double)i).ToList()).Length);
    }
}
