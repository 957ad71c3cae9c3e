using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

public class When_settings_are_left_to_auto
{
    private const long Small = 16_000_000;
    private const long HalfBillion = 494_000_000;
    private const long SevenBillion = 7_600_000_000;

    [Theory]
    [InlineData(5_000, Small, 8)]
    [InlineData(40_000, Small, 5)]
    [InlineData(200_000, Small, 1)]
    [InlineData(3_000_000, Small, 1)]
    [InlineData(50_000, HalfBillion, 4)]
    [InlineData(50_000, SevenBillion, 1)]
    public void Should_give_small_data_more_epochs_within_the_token_and_compute_budgets(long trainedTokens, long parameters, int expected)
    {
        Assert.Equal(expected, AutoSettings.Epochs(trainedTokens, totalTokens: trainedTokens * 2, parameters, out var why));
        Assert.Contains(trainedTokens.ToString(), why);
    }

    [Fact]
    public void Should_scale_the_learning_rate_down_only_past_a_billion_parameters()
    {
        Assert.Equal(2e-4, AutoSettings.LearningRate(HalfBillion, out _));
        Assert.Equal(2e-4 * Math.Sqrt(1e9 / 4e9), AutoSettings.LearningRate(4_000_000_000, out _), 12);
        Assert.Equal(5e-5, AutoSettings.LearningRate(70_000_000_000, out _));
    }

    [Theory]
    [InlineData(256, 100, 4)]
    [InlineData(1024, 100, 2)]
    [InlineData(4096, 100, 1)]
    [InlineData(256, 3, 3)]
    public void Should_shrink_the_batch_for_long_sequences_and_few_examples(int maxSeqLength, int examples, int expected)
    {
        Assert.Equal(expected, AutoSettings.BatchSize(maxSeqLength, examples, out _));
    }

    [Fact]
    public void Should_keep_given_values_and_record_only_the_chosen_ones()
    {
        var resolved = AutoSettings.Resolve(new TrainingRequest { LearningRate = 1e-3 }, 10_000, 20_000, 50, Small);

        Assert.Equal(1e-3, resolved.LearningRate);
        Assert.Equal(AutoSettings.Epochs(10_000, 20_000, Small, out _), resolved.NumEpochs);
        Assert.Equal(4, resolved.BatchSize);
        Assert.Equal(["num_epochs", "batch_size"], resolved.Chosen.Select(c => c.Field));
        Assert.Equal("4", resolved.Chosen[1].Value);
    }
}
