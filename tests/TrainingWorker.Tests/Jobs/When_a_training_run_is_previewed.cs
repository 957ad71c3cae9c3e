using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Tokenization;
using AdapterPipeline.TrainingWorker.Tests.Models;
using MassTransit;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_a_training_run_is_previewed(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    private static readonly (string User, string Reply)[] Exchanges =
        [("Who are you?", "I am Ada."), ("What do you like?", "Numbers and tea."), ("Where do you live?", "In the engine room.")];

    private static string Chat() => string.Concat(Exchanges.Select(e =>
        $$"""{"messages": [{"role": "user", "content": "{{e.User}}"}, {"role": "assistant", "content": "{{e.Reply}}"}]}""" + "\n"));

    private async Task<Response<TrainingPreviewed, RequestRejected>> PreviewAsync(
        TrainingHyperparameters hyperparameters, string[] names, string? eval = null)
    {
        var files = new[]
        {
            await fixture.UploadTrainingFileAsync("chat.jsonl", Chat()),
            await fixture.UploadTrainingFileAsync("broken.jsonl", Chat() + """{"messages": [{"role": "user"}]}""" + "\n"),
            await fixture.UploadTrainingFileAsync("held-out.jsonl", Chat()),
        };
        var client = fixture.Bus.CreateRequestClient<PreviewTraining>(RequestTimeout.After(s: 60));
        return await client.GetResponse<TrainingPreviewed, RequestRejected>(
            new PreviewTraining(hyperparameters, files.Where(f => names.Contains(f.FileName)).Select(f => f with { UseForEval = f.FileName == eval }).ToList()));
    }

    [Fact]
    public async Task Should_count_the_assistant_tokens_and_resolve_auto()
    {
        var response = await PreviewAsync(new TrainingHyperparameters(BaseModel: TinyBaseModels.TinyLlama, MaxSeqLength: 128), ["chat.jsonl"]);

        Assert.True(response.Is(out Response<TrainingPreviewed>? answer));
        var preview = answer.Message;
        var tokenizer = TokenizerLoader.Load(ReferenceModels.PathOf(TinyBaseModels.TinyLlama), null);
        Assert.Equal(Exchanges.Sum(e => (long)tokenizer.Encode(e.Reply + "<|im_end|>\n").Count), preview.TokensTrained);
        Assert.Equal(3, preview.Examples);
        Assert.Equal(0, preview.EvalExamples);
        Assert.Empty(preview.Errors);
        Assert.Equal(AutoSettingsEpochs(preview.TokensTrained), preview.Hyperparameters.NumEpochs);
        Assert.Equal(3, preview.Hyperparameters.BatchSize);
        Assert.Equal(2e-4, preview.Hyperparameters.LearningRate);
        Assert.Equal(["q_proj", "v_proj"], preview.Hyperparameters.TargetModules);
        Assert.Equal(preview.Hyperparameters.NumEpochs, preview.Steps);
        Assert.True(preview.EstimatedSeconds > 0);
        Assert.True(preview.EstimatedMemoryBytes > 0);
    }

    [Fact]
    public async Task Should_report_a_broken_file_with_its_line_and_count_the_others()
    {
        var response = await PreviewAsync(new TrainingHyperparameters(NumEpochs: 1, BatchSize: 1), ["chat.jsonl", "broken.jsonl"]);

        Assert.True(response.Is(out Response<TrainingPreviewed>? answer));
        var error = Assert.Single(answer.Message.Errors);
        Assert.Equal("broken.jsonl", error.File);
        Assert.Equal(4, error.Line);
        Assert.Contains("content", error.Message);
        Assert.Equal(3, answer.Message.Examples);
        Assert.Equal(3, answer.Message.Steps);
    }

    [Fact]
    public async Task Should_refuse_settings_the_trainer_refuses_keyed_by_field()
    {
        var response = await PreviewAsync(new TrainingHyperparameters(BaseModel: "nope"), ["chat.jsonl"]);

        Assert.True(response.Is(out Response<RequestRejected>? rejected));
        Assert.Equal(RejectionReasons.Unprocessable, rejected.Message.Reason);
        Assert.Equal(["base_model"], rejected.Message.Errors.Keys);
    }

    [Fact]
    public async Task Should_hold_out_the_files_marked_for_evaluation_instead_of_a_split()
    {
        var response = await PreviewAsync(new TrainingHyperparameters(NumEpochs: 1, BatchSize: 1), ["chat.jsonl", "held-out.jsonl"], eval: "held-out.jsonl");

        Assert.True(response.Is(out Response<TrainingPreviewed>? answer));
        Assert.Equal(6, answer.Message.Examples);
        Assert.Equal(3, answer.Message.EvalExamples);
        Assert.Equal(3, answer.Message.Steps);
    }

    // The documented rule: 200,000 trained tokens' worth of epochs, at most 8.
    private static int AutoSettingsEpochs(long trained) => (int)Math.Clamp(Math.Ceiling(200_000.0 / trained), 1, 8);
}
