using AdapterPipeline.TrainingWorker.Jobs;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public class When_progress_is_reported
{
    private static readonly Guid JobId = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Should_carry_the_step_losses_rate_and_throughput()
    {
        var progressed = TrainingJobMapping.ToProgressed(JobId, new TrainingProgress(12, 40, 0.3, 2.31, 2.5, 1.5e-4, 812.5, TimeSpan.FromSeconds(90)), At);

        Assert.Equal(JobId, progressed.JobId);
        Assert.Equal(12, progressed.Step);
        Assert.Equal(40, progressed.TotalSteps);
        Assert.Equal(2.31, progressed.Loss);
        Assert.Equal(2.5, progressed.EvalLoss);
        Assert.Equal(1.5e-4, progressed.LearningRate);
        Assert.Equal(812.5, progressed.TokensPerSecond);
        Assert.Equal(90, progressed.EtaSeconds);
        Assert.Equal(At, progressed.At);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.3, 1)]
    [InlineData(1.0, 1)]
    [InlineData(1.5, 2)]
    [InlineData(3.0, 3)]
    public void Should_name_the_epoch_in_progress_counting_from_one(double epochsDone, int epoch)
    {
        var progressed = TrainingJobMapping.ToProgressed(JobId, new TrainingProgress(1, 2, epochsDone, 1, null, 1e-4, 1, TimeSpan.Zero), At);

        Assert.Equal(epoch, progressed.Epoch);
        Assert.Null(progressed.EvalLoss);
    }

    [Fact]
    public void Should_summarise_the_metrics_and_drop_a_loss_that_is_not_a_number()
    {
        var metrics = new TrainingMetrics([new LossPoint(0, 5.6), new LossPoint(10, 4.2)], [], double.NaN, 4.4, 900, "cpu", "float32", 3.5, 10, 1, 1000, 100, 2048);

        var summary = TrainingJobMapping.ToSummary(metrics);

        Assert.Null(summary.FinalTrainLoss);
        Assert.Equal(4.4, summary.FinalEvalLoss);
        Assert.Equal(900, summary.TokensPerSecond);
        Assert.Equal("cpu", summary.Device);
        Assert.Equal("float32", summary.Dtype);
        Assert.Equal(3.5, summary.WallSeconds);
        Assert.Equal(10, summary.Steps);
    }
}
