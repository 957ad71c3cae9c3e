using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Generation;
using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Tests.Models;

public class When_tokens_are_decoded_with_a_cache
{
    private static readonly int[] Prompt = [72, 101, 108, 108, 111, 44, 32, 119, 111, 114, 108, 100];

    // The whole prefix recomputed for every token, as decoding worked before the cache.
    private static List<int> UncachedGreedy(ICausalLanguageModel model, LoraAdapter? adapter, int maxNewTokens)
    {
        var ids = Prompt.ToList();
        using var _ = no_grad();
        for (var i = 0; i < maxNewTokens; i++)
        {
            using var scope = NewDisposeScope();
            var input = tensor(ids.Select(id => (long)id).ToArray(), [1, ids.Count]);
            ids.Add((int)model.Forward(input, adapter, training: false)[0, -1].argmax().item<long>());
        }
        return ids.Skip(Prompt.Length).ToList();
    }

    private static BaseModel Load(string name) => BaseModelLoader.Load(name, ReferenceModels.PathOf(name), CPU, float32);

    [Theory]
    [InlineData("tiny-llama")]
    [InlineData("tiny-gpt2")]
    [InlineData("tiny-qwen2")]
    public void Should_match_uncached_greedy_decoding_token_for_token(string name)
    {
        using var model = Load(name);

        var cached = Decoding.Continue(model.Model, null, Prompt, 24, stopId: -1);

        Assert.Equal(UncachedGreedy(model.Model, null, 24), cached);
        Assert.True(cached.Distinct().Count() > 1, "a constant continuation would prove little");
    }

    [Theory]
    [InlineData("tiny-llama")]
    [InlineData("tiny-gpt2")]
    public void Should_match_uncached_greedy_decoding_with_an_adapter_applied(string name)
    {
        using var model = Load(name);
        manual_seed(3);
        using var adapter = LoraAdapter.CreateUntrained(model.Model, new LoraSettings(4, 8, 0, LoraSettings.KnownModules(model.Config.Architecture).Take(4).ToList()));
        using (no_grad())
        {
            foreach (var lora in adapter.Layers.Values)
            {
                lora.B.normal_(0, 0.5);
            }
        }

        var cached = Decoding.Continue(model.Model, adapter, Prompt, 24, stopId: -1);

        Assert.Equal(UncachedGreedy(model.Model, adapter, 24), cached);
        Assert.NotEqual(Decoding.Continue(model.Model, null, Prompt, 24, stopId: -1), cached);
    }

    [Fact]
    public void Should_give_the_same_sample_for_the_same_seed_and_another_for_another_seed()
    {
        using var model = Load("tiny-llama");

        var first = Decoding.Continue(model.Model, null, Prompt, 32, -1, new SamplingSettings(1.5, 0.95, 7));
        var again = Decoding.Continue(model.Model, null, Prompt, 32, -1, new SamplingSettings(1.5, 0.95, 7));
        var other = Decoding.Continue(model.Model, null, Prompt, 32, -1, new SamplingSettings(1.5, 0.95, 8));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Should_equal_greedy_decoding_when_top_p_keeps_only_the_most_likely_token()
    {
        using var model = Load("tiny-llama");

        var sampled = Decoding.Continue(model.Model, null, Prompt, 16, -1, new SamplingSettings(1, 1e-6, 5));

        Assert.Equal(Decoding.Continue(model.Model, null, Prompt, 16, -1), sampled);
    }

    [Fact]
    public void Should_stop_at_the_stop_token()
    {
        using var model = Load("tiny-llama");
        var greedy = Decoding.Continue(model.Model, null, Prompt, 8, -1);

        var stopped = Decoding.Continue(model.Model, null, Prompt, 8, stopId: greedy[3]);

        Assert.Equal(greedy.TakeWhile(t => t != greedy[3]), stopped);
    }
}
