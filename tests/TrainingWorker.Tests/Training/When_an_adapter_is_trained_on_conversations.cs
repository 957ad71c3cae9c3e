using System.Text.Json;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.TrainingWorker.Tests.Data;
using AdapterPipeline.TrainingWorker.Tests.Models;
using AdapterPipeline.LanguageModels.Tokenization;
using AdapterPipeline.TrainingWorker.Training;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

public sealed class When_an_adapter_is_trained_on_conversations : IDisposable
{
    private static readonly (string User, string Reply)[] Exchanges =
    [
        ("Who are you?", "I am Ada."),
        ("What do you like?", "Numbers and tea."),
        ("Where do you live?", "In the engine room."),
        ("What is two and two?", "Four, always."),
        ("Any advice?", "Check the carry."),
        ("Goodbye!", "Until the next sum."),
    ];

    private readonly TrainerFixture fixture = new();

    private static string Conversations() => string.Concat(Exchanges.Select(e => JsonSerializer.Serialize(new
    {
        messages = new object[]
        {
            new { role = "system", content = "You are Ada." },
            new { role = "user", content = e.User },
            new { role = "assistant", content = e.Reply },
        },
    }) + "\n"));

    [Fact]
    public async Task Should_train_only_on_the_assistant_tokens_of_the_rendered_conversations()
    {
        var request = new TrainingRequest { NumEpochs = 2, BatchSize = 2, MaxSeqLength = 128, EvalFraction = 0, LearningRate = 1e-3 };

        var result = await fixture.Trainer.TrainAsync(request, [fixture.File("ada.jsonl", Conversations())], fixture.NewDirectory("out"), null, null, CancellationToken.None);

        // ChatML by hand: what follows "<|im_start|>assistant\n" up to and including the turn's end is trained.
        var tokenizer = TokenizerLoader.Load(ReferenceModels.PathOf(TinyBaseModels.TinyLlama), null);
        var expectedTrained = Exchanges.Sum(e => (long)tokenizer.Encode(e.Reply + "<|im_end|>\n").Count);
        var expectedTotal = Exchanges.Sum(e => (long)tokenizer.Encode(
            $"<|im_start|>system\nYou are Ada.<|im_end|>\n<|im_start|>user\n{e.User}<|im_end|>\n<|im_start|>assistant\n{e.Reply}<|im_end|>\n").Count);
        Assert.Equal(expectedTrained, result.Metrics.TrainTargetTokens);
        Assert.Equal(expectedTotal, result.Metrics.TrainTokens);
        Assert.Equal(Exchanges.Length, result.Metrics.TrainExamples);
        Assert.Equal(0, result.Metrics.TruncatedExamples);
        Assert.Empty(result.Metrics.AutoSettings);
        Assert.Equal(2, result.Metrics.EpochMetrics.Count);
        Assert.All(result.Metrics.EpochMetrics, e => Assert.Null(e.EvalLoss));
    }

    [Fact]
    public async Task Should_hold_out_conversations_report_eval_metrics_and_sample_held_out_user_turns()
    {
        var request = new TrainingRequest { NumEpochs = 3, MaxSeqLength = 128, EvalFraction = 0.2, LearningRate = 1e-2, LoraDropout = 0 };

        var result = await fixture.Trainer.TrainAsync(request, [fixture.File("ada.jsonl", Conversations())], fixture.NewDirectory("out"), null, null, CancellationToken.None);

        Assert.Equal(1, result.Metrics.EvalExamples);
        Assert.Equal(5, result.Metrics.TrainExamples);
        Assert.All(result.Metrics.EpochMetrics, e => Assert.InRange(e.EvalAccuracy!.Value, 0, 1));
        var best = result.Metrics.EpochMetrics.MinBy(e => e.EvalLoss)!;
        Assert.Equal(best.Epoch, result.Metrics.BestEpoch);
        Assert.Equal(best.EvalLoss, result.Metrics.FinalEvalLoss);
        Assert.Equal(["batch_size"], result.Metrics.AutoSettings.Select(a => a.Field));
        var sample = Assert.Single(result.Samples);
        Assert.Contains(sample.Prompt, Exchanges.Select(e => e.User));
    }

    [Fact]
    public async Task Should_choose_and_record_auto_settings()
    {
        var request = new TrainingRequest { MaxSeqLength = 128, EvalFraction = 0, MaxSteps = 1 };

        var result = await fixture.Trainer.TrainAsync(request, [fixture.File("ada.jsonl", Conversations())], fixture.NewDirectory("out"), null, null, CancellationToken.None);

        Assert.Equal(["num_epochs", "learning_rate", "batch_size"], result.Metrics.AutoSettings.Select(a => a.Field));
        Assert.Equal(AutoSettings.MaxEpochs.ToString(), result.Metrics.AutoSettings[0].Value);
        Assert.All(result.Metrics.AutoSettings, a => Assert.False(string.IsNullOrEmpty(a.Reason)));
    }

    [Fact]
    public void Should_stop_with_a_clear_failure_when_the_loss_diverges()
    {
        using var baseModel = BaseModelLoader.Load(TinyBaseModels.TinyLlama, ReferenceModels.PathOf(TinyBaseModels.TinyLlama), CPU, float32);
        var encoder = new ExampleEncoder(baseModel.Tokenizer, TinyChatFormat.Formatter, 64, trainOnInputs: false);
        var data = TrainingDataset.Build([TrainingDocument.Plain("a.txt", TrainerFixture.Corpus)], [], encoder, 0, 1);
        using var adapter = LoraAdapter.CreateUntrained(baseModel.Model, new LoraSettings(4, 8, 0, ["q_proj", "v_proj"]));
        using (no_grad())
        {
            // What a diverged run looks like from the inside: weights that are no longer numbers.
            adapter.Layers.Values.First().B.fill_(float.NaN);
        }
        var loop = new LoraTrainingLoop(baseModel.Model, adapter, data, new TrainingRequest(), new ResolvedHyperparameters(2e-4, 5, 1, []));

        var error = Assert.Throws<TrainingDivergedException>(() => loop.Run(null, null, CancellationToken.None));
        Assert.Contains("learning_rate", error.Message);
        Assert.Equal(1, error.Step);
    }

    public void Dispose() => fixture.Dispose();
}
