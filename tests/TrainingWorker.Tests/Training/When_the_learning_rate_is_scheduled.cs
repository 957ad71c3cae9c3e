using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

public class When_the_learning_rate_is_scheduled
{
    [Fact]
    public void Should_warm_up_linearly_then_follow_a_half_cosine_to_zero()
    {
        double At(int step) => LearningRateScheduler.At(step, 100, 10, 1.0, LearningRateSchedule.Cosine);

        Assert.Equal(0.1, At(0), 12);
        Assert.Equal(1.0, At(9), 12);
        Assert.Equal(1.0, At(10), 12);
        Assert.Equal(0.5, At(55), 12);
        Assert.Equal(0.0, LearningRateScheduler.At(100, 100, 10, 1.0, LearningRateSchedule.Cosine), 12);
    }

    [Fact]
    public void Should_decay_linearly_or_stay_constant_when_asked()
    {
        Assert.Equal(0.5, LearningRateScheduler.At(50, 100, 0, 1.0, LearningRateSchedule.Linear), 12);
        Assert.Equal(1.0, LearningRateScheduler.At(99, 100, 0, 1.0, LearningRateSchedule.Constant), 12);
    }
}
