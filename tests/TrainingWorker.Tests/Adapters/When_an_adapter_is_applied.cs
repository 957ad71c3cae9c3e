using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.TrainingWorker.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Tests.Adapters;

public sealed class When_an_adapter_is_applied : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("adapter-tests-").FullName;
    private readonly Tensor ids = tensor(new long[] { 72, 101, 108, 108, 111, 32, 116, 104, 101, 114, 101, 33, 10, 264, 5, 200 }, [2, 8]);

    [Theory]
    [InlineData("tiny-llama")]
    [InlineData("tiny-gpt2")]
    [InlineData("tiny-qwen2")]
    public void Should_leave_the_logits_identical_while_untrained(string name)
    {
        using var model = Load(name);
        using var adapter = LoraAdapter.CreateUntrained(model, AllLinearLayers(model));
        using var _ = no_grad();

        var maxDiff = (model.Forward(ids, adapter, false) - model.Forward(ids, null, false)).abs().max().item<float>();

        Assert.Equal(0f, maxDiff);
        Assert.All(adapter.Layers.Values, l => Assert.Equal(0f, l.B.abs().max().item<float>()));
    }

    [Fact]
    public void Should_initialise_A_uniformly_within_one_over_root_fan_in()
    {
        using var model = Load("tiny-llama");
        manual_seed(1);
        using var adapter = LoraAdapter.CreateUntrained(model, new LoraSettings(8, 16, 0, ["down_proj"]));

        var a = adapter.Layers["model.layers.0.mlp.down_proj"].A;
        var bound = 1 / Math.Sqrt(176);
        Assert.Equal([8L, 176L], a.shape);
        Assert.True(a.abs().max().item<float>() <= bound);
        Assert.True(a.abs().max().item<float>() > 0.9 * bound);
    }

    [Theory]
    [InlineData("tiny-llama")]
    [InlineData("tiny-gpt2")]
    [InlineData("tiny-qwen2")]
    public void Should_match_the_base_model_with_merged_weights(string name)
    {
        var directory = ReferenceModels.PathOf(name);
        using var model = Load(name);
        using var adapter = Trained(model, AllLinearLayers(model));

        var weights = BaseModelLoader.ReadWeights(directory);
        using (no_grad())
        {
            foreach (var (module, lora) in adapter.Layers)
            {
                var delta = lora.B.matmul(lora.A) * adapter.Settings.Scaling;
                // GPT-2's Conv1D keeps [in, out]: PEFT's fan_in_fan_out merge transposes the update.
                var update = model.Config.Architecture == ModelArchitecture.Gpt2 ? delta.t() : delta;
                weights[module + ".weight"] = weights[module + ".weight"] + update;
            }
        }
        using var merged = CausalLanguageModels.Create(model.Config, weights, CPU, float32);
        using var _ = no_grad();

        var withAdapter = model.Forward(ids, adapter, false);
        var maxDiff = (withAdapter - merged.Forward(ids, null, false)).abs().max().item<float>();
        var effect = (withAdapter - model.Forward(ids, null, false)).abs().max().item<float>();

        Assert.True(maxDiff < 1e-4, $"max |adapter - merged| = {maxDiff}");
        Assert.True(effect > 1e-2, $"the adapter barely changes the logits ({effect}), so the comparison proves little");
    }

    [Theory]
    [InlineData("tiny-llama")]
    [InlineData("tiny-gpt2")]
    public void Should_reproduce_the_logits_once_saved_and_loaded_back(string name)
    {
        using var model = Load(name);
        using var adapter = Trained(model, new LoraSettings(4, 8, 0.1, LoraSettings.DefaultTargets(model.Config.Architecture)));
        PeftAdapterFiles.Write(output, adapter, name, model.Config.Architecture);

        using var loaded = PeftAdapterFiles.Read(output, model);
        using var _ = no_grad();

        Assert.Equal(adapter.Layers.Keys.Order(), loaded.Layers.Keys.Order());
        Assert.Equal(adapter.Settings.Scaling, loaded.Settings.Scaling);
        Assert.Equal(0f, (model.Forward(ids, adapter, false) - model.Forward(ids, loaded, false)).abs().max().item<float>());
    }

    [Fact]
    public void Should_refuse_an_adapter_for_layers_the_model_lacks()
    {
        using var llama = Load("tiny-llama");
        using var gpt2 = Load("tiny-gpt2");
        using var adapter = Trained(gpt2, new LoraSettings(4, 8, 0, ["c_attn"]));
        PeftAdapterFiles.Write(output, adapter, "tiny-gpt2", ModelArchitecture.Gpt2);

        var error = Assert.Throws<InvalidDataException>(() => PeftAdapterFiles.Read(output, llama));
        Assert.Contains("transformer.h.0.attn.c_attn", error.Message);
    }

    private static ICausalLanguageModel Load(string name) => BaseModelLoader.Load(name, ReferenceModels.PathOf(name), CPU, float32).Model;

    private static LoraSettings AllLinearLayers(ICausalLanguageModel model) =>
        new(4, 8, 0.05, LoraSettings.KnownModules(model.Config.Architecture).Where(m => !m.Contains('.')).ToList());

    // An adapter as if trained: B filled with noise so it actually changes the output.
    private static LoraAdapter Trained(ICausalLanguageModel model, LoraSettings settings)
    {
        manual_seed(5);
        var adapter = LoraAdapter.CreateUntrained(model, settings);
        using var _ = no_grad();
        foreach (var lora in adapter.Layers.Values)
        {
            lora.B.copy_(randn_like(lora.B) * 0.2);
        }
        return adapter;
    }

    public void Dispose() => Directory.Delete(output, recursive: true);
}
