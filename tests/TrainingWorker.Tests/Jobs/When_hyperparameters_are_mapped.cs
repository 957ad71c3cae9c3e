using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.TrainingWorker.Jobs;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public class When_hyperparameters_are_mapped
{
    [Fact]
    public void Should_give_every_null_the_trainers_default()
    {
        var request = TrainingJobMapping.ToTrainingRequest(new TrainingHyperparameters());

        Assert.Equal(new TrainingRequest(), request);
        Assert.Equal("tiny-llama", request.BaseModel);
        Assert.Null(request.LearningRate);
        Assert.Null(request.NumEpochs);
        Assert.Null(request.BatchSize);
        Assert.Equal(8, request.LoraR);
        Assert.Equal(16, request.LoraAlpha);
        Assert.Equal(0.05, request.LoraDropout);
        Assert.Null(request.TargetModules);
        Assert.Equal(256, request.MaxSeqLength);
        Assert.Equal(42, request.Seed);
        Assert.False(request.TrainOnInputs);
        Assert.True(request.KeepBest);
        Assert.Null(request.EarlyStoppingPatience);
    }

    [Fact]
    public void Should_treat_missing_hyperparameters_as_all_defaults()
    {
        Assert.Equal(new TrainingRequest(), TrainingJobMapping.ToTrainingRequest(null));
    }

    [Fact]
    public void Should_carry_every_value_given()
    {
        var request = TrainingJobMapping.ToTrainingRequest(new TrainingHyperparameters(
            LearningRate: 1e-3, NumEpochs: 7, BatchSize: 2, LoraR: 4, LoraAlpha: 32, LoraDropout: 0.2,
            TargetModules: ["q_proj", "k_proj", "o_proj"], MaxSeqLength: 64, BaseModel: "tiny-gpt2", Seed: 7,
            TrainOnInputs: true, KeepBest: false, EarlyStoppingPatience: 2));

        Assert.Equal(1e-3, request.LearningRate);
        Assert.Equal(7, request.NumEpochs);
        Assert.Equal(2, request.BatchSize);
        Assert.Equal(4, request.LoraR);
        Assert.Equal(32, request.LoraAlpha);
        Assert.Equal(0.2, request.LoraDropout);
        Assert.Equal(["q_proj", "k_proj", "o_proj"], request.TargetModules);
        Assert.Equal(64, request.MaxSeqLength);
        Assert.Equal("tiny-gpt2", request.BaseModel);
        Assert.Equal(7, request.Seed);
        Assert.True(request.TrainOnInputs);
        Assert.False(request.KeepBest);
        Assert.Equal(2, request.EarlyStoppingPatience);
    }

    [Fact]
    public void Should_leave_the_settings_the_api_does_not_expose_at_their_defaults()
    {
        var defaults = new TrainingRequest();

        var request = TrainingJobMapping.ToTrainingRequest(new TrainingHyperparameters(NumEpochs: 9, Seed: 1));

        Assert.Equal(defaults with { NumEpochs = 9, Seed = 1 }, request);
    }
}
