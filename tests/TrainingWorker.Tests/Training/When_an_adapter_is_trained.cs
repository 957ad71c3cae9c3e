using System.Text.Json.Nodes;
using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.LanguageModels.Safetensors;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

public sealed class When_an_adapter_is_trained : IDisposable
{
    private readonly TrainerFixture fixture = new();

    private TrainingRequest Memorise(string baseModel) => new()
    {
        BaseModel = baseModel,
        LearningRate = 1e-2,
        NumEpochs = 40,
        BatchSize = 2,
        LoraR = 8,
        LoraAlpha = 16,
        LoraDropout = 0,
        TargetModules = baseModel == "tiny-gpt2" ? ["c_attn", "c_proj", "c_fc"] : ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
        MaxSeqLength = 32,
        WarmupRatio = 0.05,
        EvalFraction = 0,
        LoggingSteps = 5,
    };

    [Theory]
    [InlineData("tiny-llama")]
    [InlineData("tiny-gpt2")]
    public async Task Should_more_than_halve_the_loss_on_a_memorisable_corpus(string baseModel)
    {
        var progress = new RecordingProgress();
        var result = await fixture.Trainer.TrainAsync(Memorise(baseModel), [fixture.File("corpus.txt", TrainerFixture.Corpus)],
            fixture.NewDirectory("out"), progress, null, CancellationToken.None);

        var curve = result.Metrics.LossCurve;
        var start = curve.Take(3).Average(p => p.Loss);
        var end = curve.TakeLast(3).Average(p => p.Loss);
        Assert.True(end < start / 2, $"loss went from {start:F3} to {end:F3}");
        Assert.Equal(result.Metrics.TotalSteps, curve.Count);
        Assert.Equal("cpu", result.Metrics.Device);
        Assert.Equal("float32", result.Metrics.Dtype);
        Assert.True(result.Metrics.TokensPerSecond > 0);
        Assert.NotEmpty(progress.Reports);
        Assert.Equal(result.Metrics.TotalSteps, progress.Reports[^1].Step);
    }

    [Fact]
    public async Task Should_repeat_exactly_with_the_same_seed()
    {
        var request = Memorise("tiny-llama") with { NumEpochs = 2, LoraDropout = 0.1 };
        var file = fixture.File("corpus.txt", TrainerFixture.Corpus);

        var first = await fixture.Trainer.TrainAsync(request, [file], fixture.NewDirectory("a"), null, null, CancellationToken.None);
        var second = await fixture.Trainer.TrainAsync(request, [file], fixture.NewDirectory("b"), null, null, CancellationToken.None);
        var otherSeed = await fixture.Trainer.TrainAsync(request with { Seed = 7 }, [file], fixture.NewDirectory("c"), null, null, CancellationToken.None);

        Assert.Equal(first.Metrics.LossCurve, second.Metrics.LossCurve);
        Assert.Equal(File.ReadAllBytes(first.Files.AdapterWeightsPath), File.ReadAllBytes(second.Files.AdapterWeightsPath));
        Assert.NotEqual(first.Metrics.LossCurve, otherSeed.Metrics.LossCurve);
    }

    [Fact]
    public async Task Should_write_a_peft_adapter_with_metrics_eval_losses_and_samples()
    {
        var request = new TrainingRequest { NumEpochs = 2, MaxSeqLength = 16, EvalFraction = 0.2 };
        var output = fixture.NewDirectory("out");
        var records = string.Concat(Enumerable.Range(0, 10).Select(i => $"{{\"text\": \"{i}: {TrainerFixture.Corpus}\"}}\n"));

        var result = await fixture.Trainer.TrainAsync(request, [fixture.File("notes.jsonl", records)], output, null, null, CancellationToken.None);

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "adapter_config.json")))!.AsObject();
        Assert.Equal(
            ["base_model_name_or_path", "bias", "fan_in_fan_out", "inference_mode", "lora_alpha", "lora_dropout", "modules_to_save",
             "peft_type", "r", "revision", "target_modules", "task_type", "use_dora", "use_rslora"],
            config.Select(p => p.Key).ToArray());
        Assert.Equal("LORA", (string?)config["peft_type"]);
        Assert.Equal("CAUSAL_LM", (string?)config["task_type"]);
        Assert.Equal("tiny-llama", (string?)config["base_model_name_or_path"]);
        Assert.Equal(["q_proj", "v_proj"], config["target_modules"]!.AsArray().Select(t => (string)t!).ToArray());
        Assert.False((bool)config["fan_in_fan_out"]!);
        Assert.Null(config["modules_to_save"]);

        var tensors = SafetensorsReader.Read(Path.Combine(output, "adapter_model.safetensors")).Tensors;
        Assert.Equal(2 * 2 * 2, tensors.Count);
        Assert.Equal([8L, 64L], tensors["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"].Shape);
        Assert.Equal([64L, 8L], tensors["base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight"].Shape);
        Assert.Equal([32L, 8L], tensors["base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"].Shape);

        Assert.NotNull(result.Metrics.FinalEvalLoss);
        Assert.Equal(0, result.Metrics.EvalLosses[0].Step);
        Assert.Equal(1 + request.NumEpochs, result.Metrics.EvalLosses.Count);
        Assert.True(result.Metrics.EvalTokens > 0);
        Assert.Equal(request.NumEpochs, result.Metrics.EpochMetrics.Count);
        Assert.All(result.Metrics.EpochMetrics, e => Assert.Equal(Math.Exp(e.EvalLoss!.Value), e.EvalPerplexity!.Value, 9));
        Assert.Equal(2 * 2 * 8 * (64 + 64) - 2 * 8 * 32, result.Metrics.TrainableParameters);
        Assert.NotEmpty(result.Samples);
        Assert.All(result.Samples, s => Assert.False(string.IsNullOrEmpty(s.Prompt)));
    }

    [Fact]
    public async Task Should_write_gpt2_adapters_with_conv1d_names_and_fan_in_fan_out()
    {
        var output = fixture.NewDirectory("out");
        await fixture.Trainer.TrainAsync(new TrainingRequest { BaseModel = "tiny-gpt2", NumEpochs = 1, MaxSeqLength = 16 },
            [fixture.File("a.txt", TrainerFixture.Corpus)], output, null, null, CancellationToken.None);

        var config = PeftAdapterFiles.ReadConfig(output);
        Assert.True(config.FanInFanOut);
        Assert.Equal(["c_attn"], config.TargetModules);
        var tensors = SafetensorsReader.Read(Path.Combine(output, "adapter_model.safetensors")).Tensors;
        Assert.Equal([8L, 64L], tensors["base_model.model.transformer.h.0.attn.c_attn.lora_A.weight"].Shape);
        Assert.Equal([192L, 8L], tensors["base_model.model.transformer.h.1.attn.c_attn.lora_B.weight"].Shape);
    }

    public void Dispose() => fixture.Dispose();
}
