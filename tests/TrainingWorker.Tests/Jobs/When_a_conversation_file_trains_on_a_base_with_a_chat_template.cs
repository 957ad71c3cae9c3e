using System.Text.Json;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Tokenization;
using AdapterPipeline.TrainingWorker.Tests.Models;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_a_conversation_file_trains_on_a_base_with_a_chat_template(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    private static readonly (string System, (string User, string Reply, int Weight)[] Exchanges)[] Conversations =
    [
        ("You are Ada.", [("Who are you?", "I am Ada.", 1), ("And then?", "Then I count.", 1)]),
        ("You are Ada.", [("What do you like?", "Numbers and tea.", 1)]),
        ("Be brief.", [("Where do you live?", "In the engine room.", 0), ("Why?", "It is warm there.", 1)]),
        ("Be brief.", [("Any advice?", "Check the carry.", 1)]),
    ];

    private static string File() => string.Concat(Conversations.Select(c => JsonSerializer.Serialize(new
    {
        messages = new object[] { new { role = "system", content = c.System } }
            .Concat(c.Exchanges.SelectMany(e => new object[] { new { role = "user", content = e.User }, new { role = "assistant", content = e.Reply, weight = e.Weight } })),
    }) + "\n"));

    [Fact]
    public async Task Should_record_in_the_manifest_as_many_trained_tokens_as_the_assistant_replies_have()
    {
        var file = await fixture.UploadTrainingFileAsync("ada.jsonl", File());
        var job = TrainingWorkerFixture.Job(TrainingJobKind.Train,
            new TrainingHyperparameters(NumEpochs: 1, BatchSize: 2, MaxSeqLength: 256, BaseModel: TinyBaseModels.TinyLlama), file);

        await fixture.SendAsync(job);
        // A longer deadline than the fixture's: the run also samples replies from both models, slow on a loaded machine.
        var ended = await fixture.Events.WaitForAsync<object>(job.JobId, e => e is AdapterTrained or TrainingFailed or TrainingCancelled, TimeSpan.FromMinutes(4));
        Assert.IsType<AdapterTrained>(ended);

        // ChatML written out by hand (the built-in base's template): a reply's targets are its content and the
        // "<|im_end|>\n" that closes it, never the "<|im_start|>assistant\n" before it; weight 0 trains nothing.
        var tokenizer = TokenizerLoader.Load(ReferenceModels.PathOf(TinyBaseModels.TinyLlama), null);
        var expectedTrained = Conversations.SelectMany(c => c.Exchanges).Where(e => e.Weight == 1)
            .Sum(e => (long)tokenizer.Encode(e.Reply + "<|im_end|>\n").Count);
        var expectedTotal = Conversations.Sum(c => (long)tokenizer.Encode($"<|im_start|>system\n{c.System}<|im_end|>\n").Count
            + c.Exchanges.Sum(e => tokenizer.Encode($"<|im_start|>user\n{e.User}<|im_end|>\n").Count
                + tokenizer.Encode("<|im_start|>assistant\n").Count + tokenizer.Encode(e.Reply + "<|im_end|>\n").Count));
        var manifest = await ManifestAsync(job);
        Assert.Equal(expectedTrained, manifest.Metrics!.TrainTargetTokens);
        Assert.Equal(expectedTotal, manifest.Metrics.TrainTokens);
        Assert.True(manifest.Metrics.TrainTargetTokens < manifest.Metrics.TrainTokens / 2);
    }

    private async Task<TrainingManifest> ManifestAsync(StartTraining job)
    {
        using var response = await fixture.Store.GetAsync(TrainingWorkerFixture.Staging(job) + StagedAdapterFiles.Manifest, CancellationToken.None);
        Assert.NotNull(response);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return TrainingManifestJson.Read(buffer.ToArray());
    }
}
