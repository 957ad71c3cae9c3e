using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

public sealed class When_training_continues_from_an_adapter_version : IDisposable
{
    private readonly TrainerFixture fixture = new();

    private readonly TrainingRequest request = new() { NumEpochs = 1, BatchSize = 2, MaxSeqLength = 16, EvalFraction = 0.2, LearningRate = 0.005 };

    private TrainingFile Notes() => fixture.File("notes.jsonl",
        string.Concat(Enumerable.Range(0, 10).Select(i => $"{{\"text\": \"{i}: {TrainerFixture.Corpus}\"}}\n")));

    [Fact]
    public async Task Should_start_from_the_versions_weights()
    {
        var first = await fixture.Trainer.TrainAsync(request, [Notes()], fixture.NewDirectory("v1"), null, null, CancellationToken.None);
        var version = Path.GetDirectoryName(first.Files.AdapterWeightsPath)!;

        var continued = await fixture.Trainer.TrainAsync(request with { InitFrom = version }, [Notes()], fixture.NewDirectory("v2"), null, null, CancellationToken.None);

        Assert.Equal(first.Metrics.EvalLosses[^1].Loss, continued.Metrics.EvalLosses[0].Loss, 1e-5);
        Assert.True(continued.Metrics.EvalLosses[0].Loss < first.Metrics.EvalLosses[0].Loss - 0.01,
            $"the continued run starts at {continued.Metrics.EvalLosses[0].Loss}, the untrained adapter at {first.Metrics.EvalLosses[0].Loss}");
    }

    [Fact]
    public async Task Should_refuse_a_version_of_another_rank_naming_init_from_version()
    {
        var first = await fixture.Trainer.TrainAsync(request, [Notes()], fixture.NewDirectory("v1"), null, null, CancellationToken.None);
        var version = Path.GetDirectoryName(first.Files.AdapterWeightsPath)!;

        var error = await Assert.ThrowsAsync<InvalidTrainingRequestException>(() => fixture.Trainer.TrainAsync(
            request with { InitFrom = version, LoraR = 4 }, [Notes()], fixture.NewDirectory("v2"), null, null, CancellationToken.None));

        Assert.Equal(["init_from_version"], error.Errors.Keys.ToArray());
        Assert.Contains("lora_r 8, not 4", error.Errors["init_from_version"][0]);
    }

    public void Dispose() => fixture.Dispose();
}
