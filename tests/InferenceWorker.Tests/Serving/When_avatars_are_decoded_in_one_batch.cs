using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Generation;
using AdapterPipeline.LanguageModels.Models;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace AdapterPipeline.InferenceWorker.Tests.Serving;

public sealed class When_avatars_are_decoded_in_one_batch
{
    private const int NewTokens = 12;

    [Theory]
    [InlineData(TinyBaseModels.TinyLlama)]
    [InlineData(TinyBaseModels.TinyGpt2)]
    public async Task Should_decode_each_row_as_it_decodes_alone(string baseName)
    {
        using var model = await LoadAsync(baseName);
        var adapters = new[] { Adapter(model.Model, 1), Adapter(model.Model, 2), null, Adapter(model.Model, 3) };
        int[][] prompts = [[5, 9, 13], [40, 41, 42, 43, 44, 45, 46], [7], [100, 101, 102, 103]];
        var sampling = new[] { SamplingSettings.Greedy, new SamplingSettings(0.8, 0.9, 17), SamplingSettings.Greedy, new SamplingSettings(1.0, 1.0, 3) };
        var eos = model.Tokenizer.EndOfSequenceId;
        var alone = Enumerable.Range(0, 4).Select(i => Decoding.Continue(model.Model, adapters[i], prompts[i], NewTokens, eos, sampling[i])).ToList();

        using var decoder = new BatchDecoder(model.Model, eos, maxRows: 8);
        var first = Enumerable.Range(0, 2).Select(i => decoder.Submit(Request(i))).ToList();
        // The other two join while the first two are decoding.
        await first[0].WaitToReadAsync();
        var later = Enumerable.Range(2, 2).Select(i => decoder.Submit(Request(i))).ToList();
        var batched = new List<List<int>>();
        foreach (var reader in first.Concat(later))
        {
            batched.Add(await reader.ReadAllAsync().ToListAsync());
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(alone[i], batched[i]);
        }
        Assert.NotEqual(alone[0], alone[2]);
        foreach (var adapter in adapters)
        {
            adapter?.Dispose();
        }

        DecodeRequest Request(int i) => new(prompts[i], adapters[i], sampling[i], NewTokens, CancellationToken.None);
    }

    [Fact]
    public async Task Should_take_a_cancelled_request_out_of_the_batch_and_go_on_with_the_others()
    {
        using var model = await LoadAsync(TinyBaseModels.TinyLlama);
        using var decoder = new BatchDecoder(model.Model, stopId: -1, maxRows: 4);
        using var cancel = new CancellationTokenSource();
        var cancelled = new DecodeRequest([5, 6, 7], null, SamplingSettings.Greedy, 400, cancel.Token);
        var other = new DecodeRequest([8, 9], null, SamplingSettings.Greedy, 40, CancellationToken.None);
        var cancelledTokens = decoder.Submit(cancelled);
        var otherTokens = decoder.Submit(other);

        await cancelledTokens.ReadAsync();
        await cancel.CancelAsync();
        var afterCancel = await cancelledTokens.ReadAllAsync().CountAsync();
        await cancelled.Finished;

        Assert.True(afterCancel < 399, $"{afterCancel} tokens after the cancellation");
        Assert.Equal(40, await otherTokens.ReadAllAsync().CountAsync());
    }

    private static async Task<BaseModel> LoadAsync(string name)
    {
        var cache = Path.Combine(Path.GetTempPath(), "adapter-pipeline-tests", "models-" + Guid.NewGuid().ToString("N"));
        var registry = new BaseModelRegistry(Options.Create(new BaseModelOptions { ModelCacheDirectory = cache }));
        return BaseModelLoader.Load(name, await registry.ResolveAsync(name, CancellationToken.None), torch.CPU, torch.float32);
    }

    private static LoraAdapter Adapter(ICausalLanguageModel model, int seed)
    {
        var adapter = LoraAdapter.CreateUntrained(model, new LoraSettings(2 + seed, 8, 0, LoraSettings.DefaultTargets(model.Config.Architecture)));
        using var _ = torch.no_grad();
        var generator = new torch.Generator((ulong)seed);
        foreach (var layer in adapter.Layers.Values)
        {
            layer.B.copy_(torch.randn(layer.B.shape, generator: generator) * 0.5);
        }
        return adapter;
    }
}
