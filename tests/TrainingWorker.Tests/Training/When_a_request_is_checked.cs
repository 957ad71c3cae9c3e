using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Safetensors;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

public sealed class When_a_request_is_checked : IDisposable
{
    private readonly TrainerFixture fixture = new();

    [Fact]
    public async Task Should_accept_the_defaults()
    {
        Assert.Empty(await fixture.Trainer.ValidateAsync(new TrainingRequest(), CancellationToken.None));
        Assert.Empty(await fixture.Trainer.ValidateAsync(new TrainingRequest { BaseModel = "tiny-gpt2", TargetModules = ["c_attn", "mlp.c_proj"] }, CancellationToken.None));
    }

    [Fact]
    public async Task Should_name_each_invalid_field()
    {
        var errors = await fixture.Trainer.ValidateAsync(new TrainingRequest
        {
            BaseModel = "no-such-model", LearningRate = 0, NumEpochs = 0, BatchSize = 0, LoraR = 0, LoraDropout = 1,
            MaxSeqLength = 4, WarmupRatio = 2, GradientAccumulationSteps = 0, EvalFraction = 0.9, LoggingSteps = 0, MaxSteps = 0,
            EarlyStoppingPatience = 0,
        }, CancellationToken.None);

        Assert.Equal(
            ["base_model", "batch_size", "early_stopping_patience", "eval_fraction", "gradient_accumulation_steps", "learning_rate", "logging_steps",
             "lora_dropout", "lora_r", "max_seq_length", "max_steps", "num_epochs", "warmup_ratio"],
            errors.Keys.Order().ToArray());
        Assert.Contains("tiny-llama", errors["base_model"][0]);
    }

    [Theory]
    [InlineData(0.011)]
    [InlineData(0.5)]
    public async Task Should_refuse_a_learning_rate_above_one_hundredth(double learningRate)
    {
        var errors = await fixture.Trainer.ValidateAsync(new TrainingRequest { LearningRate = learningRate }, CancellationToken.None);

        Assert.Equal(["learning_rate"], errors.Keys.ToArray());
        Assert.Empty(await fixture.Trainer.ValidateAsync(new TrainingRequest { LearningRate = TrainingRequestValidator.MaxLearningRate }, CancellationToken.None));
    }

    [Fact]
    public async Task Should_accept_auto_for_epochs_learning_rate_and_batch_size()
    {
        Assert.Empty(await fixture.Trainer.ValidateAsync(new TrainingRequest { LearningRate = null, NumEpochs = null, BatchSize = null }, CancellationToken.None));
    }

    [Fact]
    public async Task Should_refuse_target_modules_the_base_model_lacks()
    {
        var errors = await fixture.Trainer.ValidateAsync(new TrainingRequest { BaseModel = "tiny-llama", TargetModules = ["q_proj", "c_attn"] }, CancellationToken.None);

        Assert.Equal(["target_modules"], errors.Keys.ToArray());
        Assert.Contains("'c_attn'", errors["target_modules"].Single());
    }

    [Fact]
    public async Task Should_throw_with_the_field_errors_before_training()
    {
        var error = await Assert.ThrowsAsync<InvalidTrainingRequestException>(() => fixture.Trainer.TrainAsync(
            new TrainingRequest { LoraR = -1 }, [fixture.File("a.txt", "x")], fixture.NewDirectory("out"), null, null, CancellationToken.None));

        Assert.Equal(["lora_r"], error.Errors.Keys.ToArray());
    }

    [Theory]
    [InlineData("empty.txt", "   \n ", "contain no text")]
    [InlineData("data.csv", "a,b", "unsupported file type")]
    [InlineData("bad.jsonl", "{\"text\": \"fine\"}\n{\"text\": oops}\n", "bad.jsonl line 2")]
    [InlineData("wrong.jsonl", "{\"prompt\": \"x\"}\n", "expected a string \"text\" or an array \"messages\"")]
    [InlineData("chat.json", "[{\"messages\": [{\"role\": \"user\"}]}]", "\"role\" and \"content\"")]
    public async Task Should_explain_unusable_training_data(string name, string content, string expected)
    {
        var error = await Assert.ThrowsAsync<TrainingDataException>(() => fixture.Trainer.TrainAsync(
            new TrainingRequest(), [fixture.File(name, content)], fixture.NewDirectory("out"), null, null, CancellationToken.None));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Should_write_an_untrained_adapter_that_changes_nothing()
    {
        var output = fixture.NewDirectory("untrained");

        var files = await fixture.Trainer.CreateUntrainedAsync(new TrainingRequest { LoraR = 4, TargetModules = ["o_proj"] }, output, CancellationToken.None);

        var config = PeftAdapterFiles.ReadConfig(output);
        Assert.Equal((4, 16), (config.R, config.LoraAlpha));
        Assert.Equal(["o_proj"], config.TargetModules);
        var tensors = SafetensorsReader.Read(files.AdapterWeightsPath).Tensors;
        Assert.Equal(4, tensors.Count);
        Assert.All(tensors.Where(t => t.Key.Contains("lora_B")), t => Assert.All(t.Value.Data, b => Assert.Equal(0, b)));
        Assert.Contains(tensors.Where(t => t.Key.Contains("lora_A")), t => t.Value.Data.Any(b => b != 0));
    }

    [Fact]
    public void Should_know_the_architecture_of_the_built_ins()
    {
        Assert.Equal(ModelArchitecture.Llama, fixture.Registry.ArchitectureOf("tiny-llama"));
        Assert.Equal(ModelArchitecture.Gpt2, fixture.Registry.ArchitectureOf("tiny-gpt2"));
    }

    public void Dispose() => fixture.Dispose();
}
