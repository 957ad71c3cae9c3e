using System.Text.Json.Nodes;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Safetensors;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Tests.Models;
using AdapterPipeline.TrainingWorker.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Tests.BaseModels;

public sealed class When_a_base_model_is_checked_at_submission : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("base-model-checks-").FullName;

    private AdapterTrainer Trainer(Dictionary<string, BaseModelSource> configured, long? maxMemoryBytes = null) => new(
        new BaseModelRegistry(Options.Create(new BaseModelOptions { ModelCacheDirectory = Path.Combine(root, "cache"), BaseModels = configured })),
        new TrainingDevice(Options.Create(new ComputeOptions { MaxMemoryBytes = maxMemoryBytes })), new TrainingThroughput(),
        NullLogger<AdapterTrainer>.Instance);

    // A copy of tiny-llama with its config.json edited.
    private string CopyOfTinyLlama(Action<JsonObject> edit, bool withoutOutputLayer = false)
    {
        var source = ReferenceModels.PathOf("tiny-llama");
        var target = Directory.CreateDirectory(Path.Combine(root, Guid.NewGuid().ToString("N"))).FullName;
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(target, "config.json")))!.AsObject();
        edit(config);
        File.WriteAllText(Path.Combine(target, "config.json"), config.ToJsonString());
        if (withoutOutputLayer)
        {
            var tensors = SafetensorsReader.Read(Path.Combine(source, "model.safetensors")).Tensors
                .Where(t => t.Key != "lm_head.weight").ToDictionary(t => t.Key, t => t.Value);
            SafetensorsWriter.Write(Path.Combine(target, "model.safetensors"), tensors, new Dictionary<string, string>());
        }
        return target;
    }

    [Fact]
    public async Task Should_refuse_an_unimplemented_config_flag_keyed_base_model_naming_the_model_and_the_flag()
    {
        var trainer = Trainer(new() { ["biased"] = new BaseModelSource { Path = CopyOfTinyLlama(c => c["mlp_bias"] = true) } });

        var errors = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "biased" }, CancellationToken.None);

        Assert.Equal(["base_model"], errors.Keys);
        Assert.Contains("'biased'", errors["base_model"][0]);
        Assert.Contains("mlp_bias", errors["base_model"][0]);
    }

    [Fact]
    public async Task Should_refuse_an_untied_config_whose_checkpoint_has_no_output_layer()
    {
        var trainer = Trainer(new() { ["headless"] = new BaseModelSource { Path = CopyOfTinyLlama(_ => { }, withoutOutputLayer: true) } });

        var errors = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "headless" }, CancellationToken.None);

        Assert.Contains("tie_word_embeddings", Assert.Single(errors["base_model"]));
    }

    [Fact]
    public async Task Should_refuse_a_chat_template_the_renderer_does_not_implement_naming_the_construct()
    {
        var path = CopyOfTinyLlama(_ => { });
        File.WriteAllText(Path.Combine(path, "tokenizer_config.json"), """{"chat_template": "{% for m in messages %}{% include 'turn.jinja' %}{% endfor %}"}""");
        var trainer = Trainer(new() { ["templated"] = new BaseModelSource { Path = path } });

        var errors = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "templated" }, CancellationToken.None);

        var error = Assert.Single(errors["base_model"]);
        Assert.Contains("'templated'", error);
        Assert.Contains("chat template", error);
        Assert.Contains("include", error);
    }

    [Fact]
    public async Task Should_refuse_sequences_longer_than_a_sliding_window_keyed_max_seq_length()
    {
        var path = CopyOfTinyLlama(c =>
        {
            c["model_type"] = "mistral";
            c["sliding_window"] = 64;
        });
        var trainer = Trainer(new() { ["windowed"] = new BaseModelSource { Path = path } });

        var refused = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "windowed", MaxSeqLength = 128 }, CancellationToken.None);
        var accepted = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "windowed", MaxSeqLength = 64 }, CancellationToken.None);

        Assert.Contains("sliding_window 64", Assert.Single(refused["max_seq_length"]));
        Assert.Empty(accepted);
    }

    [Fact]
    public async Task Should_refuse_a_job_that_does_not_fit_the_configured_memory_keyed_batch_size()
    {
        var trainer = Trainer([], maxMemoryBytes: 1L << 30);

        var refused = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "tiny-llama", BatchSize = 256, MaxSeqLength = 512 }, CancellationToken.None);
        var accepted = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "tiny-llama", BatchSize = 4, MaxSeqLength = 256 }, CancellationToken.None);

        var message = Assert.Single(refused["batch_size"]);
        Assert.Contains("'tiny-llama'", message);
        Assert.Contains("max_seq_length", message);
        Assert.Empty(accepted);
    }

    [Fact]
    public async Task Should_refuse_weights_larger_than_the_memory_keyed_base_model()
    {
        var trainer = Trainer([], maxMemoryBytes: 100L << 20);

        var errors = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "tiny-llama" }, CancellationToken.None);

        Assert.Contains("weights alone", Assert.Single(errors["base_model"]));
    }

    [Fact]
    public async Task Should_name_the_hugging_face_id_as_the_adapter_base_when_configured()
    {
        var trainer = Trainer(new() { ["qwen"] = new BaseModelSource { Path = ReferenceModels.PathOf("tiny-qwen2"), HubId = "Qwen/Qwen2.5-0.5B" } });
        var output = Directory.CreateDirectory(Path.Combine(root, "adapter")).FullName;

        await trainer.CreateUntrainedAsync(new TrainingRequest { BaseModel = "qwen" }, output, CancellationToken.None);

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "adapter_config.json")))!;
        Assert.Equal("Qwen/Qwen2.5-0.5B", config["base_model_name_or_path"]!.GetValue<string>());
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
