using System.Text.Json.Nodes;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Safetensors;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Tests.Models;
using AdapterPipeline.TrainingWorker.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Tests.BaseModels;

/// <summary>
/// A base model that an operator put under <c>models/{name}/</c> and no worker has downloaded yet is checked at
/// submission from its description (config, chat template, safetensors headers read by range), on a real S3 server.
/// </summary>
public sealed class When_a_base_model_lies_only_in_s3 : IAsyncLifetime
{
    private readonly IsolatedInfrastructure infrastructure = new();
    private readonly string root = Directory.CreateTempSubdirectory("s3-base-model-").FullName;
    private ObjectStore store = null!;

    private string Cache => Path.Combine(root, "cache");

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        store = infrastructure.CreateObjectStore();
    }

    public async Task DisposeAsync()
    {
        await infrastructure.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    private (AdapterTrainer Trainer, BaseModelRegistry Registry) Worker(string name, long? maxMemoryBytes = null)
    {
        var registry = new BaseModelRegistry(
            Options.Create(new BaseModelOptions { ModelCacheDirectory = Cache, BaseModels = new() { [name] = new BaseModelSource() } }),
            new S3BaseModelDownloader(store));
        var device = new TrainingDevice(Options.Create(new ComputeOptions { MaxMemoryBytes = maxMemoryBytes }));
        return (new AdapterTrainer(registry, device, new TrainingThroughput(), NullLogger<AdapterTrainer>.Instance), registry);
    }

    // tiny-llama's files under models/{name}/, its config edited, its weights in one file or in two shards with an index.
    private async Task<long> UploadTinyLlamaAsync(string name, Action<JsonObject> edit, bool sharded = false, bool withoutOutputLayer = false)
    {
        var source = ReferenceModels.PathOf("tiny-llama");
        var files = Directory.CreateDirectory(Path.Combine(root, "upload-" + name)).FullName;
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json" }.Where(f => File.Exists(Path.Combine(source, f))))
        {
            File.Copy(Path.Combine(source, file), Path.Combine(files, file));
        }
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "config.json")))!.AsObject();
        edit(config);
        File.WriteAllText(Path.Combine(files, "config.json"), config.ToJsonString());
        var tensors = SafetensorsReader.Read(Path.Combine(source, "model.safetensors")).Tensors
            .Where(t => !withoutOutputLayer || t.Key != "lm_head.weight").ToDictionary(t => t.Key, t => t.Value);
        if (sharded)
        {
            ShardedCheckpoint.Write(files, tensors);
        }
        else
        {
            SafetensorsWriter.Write(Path.Combine(files, SafetensorsCheckpoint.SingleFile), tensors);
        }
        foreach (var file in Directory.GetFiles(files))
        {
            await using var content = File.OpenRead(file);
            await store.UploadAsync(StorageKeys.ModelPrefix(name) + Path.GetFileName(file), content, "application/octet-stream", CancellationToken.None);
        }
        return Directory.GetFiles(files, "*.safetensors").Sum(f => new FileInfo(f).Length);
    }

    private long CachedBytes() => Directory.Exists(Cache)
        ? Directory.GetFiles(Cache, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
        : 0;

    [Fact]
    public async Task Should_refuse_an_unimplemented_config_flag_without_downloading_the_weights()
    {
        var weightBytes = await UploadTinyLlamaAsync("biased", c => c["mlp_bias"] = true);
        var (trainer, _) = Worker("biased");

        var errors = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "biased" }, CancellationToken.None);

        var error = Assert.Single(errors["base_model"]);
        Assert.Contains("'biased'", error);
        Assert.Contains("mlp_bias", error);
        Assert.True(CachedBytes() < weightBytes / 10, $"{CachedBytes()} bytes cached for {weightBytes} bytes of weights");
    }

    [Fact]
    public async Task Should_read_tensor_names_from_the_headers_of_every_shard()
    {
        var weightBytes = await UploadTinyLlamaAsync("headless", _ => { }, sharded: true, withoutOutputLayer: true);
        await UploadTinyLlamaAsync("sharded", _ => { }, sharded: true);

        var headless = await Worker("headless").Trainer.ValidateAsync(new TrainingRequest { BaseModel = "headless" }, CancellationToken.None);
        var complete = await Worker("sharded").Trainer.ValidateAsync(new TrainingRequest { BaseModel = "sharded" }, CancellationToken.None);

        Assert.Contains("lm_head.weight", Assert.Single(headless["base_model"]));
        Assert.Empty(complete);
        Assert.True(CachedBytes() < weightBytes / 10, $"{CachedBytes()} bytes cached for {weightBytes} bytes of weights");
    }

    [Fact]
    public async Task Should_refuse_a_job_that_does_not_fit_the_memory_keyed_batch_size()
    {
        await UploadTinyLlamaAsync("fitted", _ => { });
        var (trainer, _) = Worker("fitted", maxMemoryBytes: 1L << 30);

        var refused = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "fitted", BatchSize = 256, MaxSeqLength = 512 }, CancellationToken.None);
        var accepted = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "fitted", BatchSize = 4, MaxSeqLength = 256 }, CancellationToken.None);

        Assert.Contains("'fitted'", Assert.Single(refused["batch_size"]));
        Assert.Empty(accepted);
    }

    [Fact]
    public async Task Should_refuse_a_configured_model_the_object_store_does_not_hold()
    {
        var (trainer, _) = Worker("absent");

        var errors = await trainer.ValidateAsync(new TrainingRequest { BaseModel = "absent" }, CancellationToken.None);

        var error = Assert.Single(errors["base_model"]);
        Assert.Contains("'absent'", error);
        Assert.Contains("config.json", error);
    }

    [Fact]
    public async Task Should_download_the_whole_model_for_training_after_describing_it()
    {
        await UploadTinyLlamaAsync("whole", _ => { });
        var (trainer, registry) = Worker("whole");

        Assert.Empty(await trainer.ValidateAsync(new TrainingRequest { BaseModel = "whole" }, CancellationToken.None));
        var directory = await registry.ResolveAsync("whole", CancellationToken.None);

        Assert.Equal(Path.Combine(Cache, "whole"), directory);
        using var downloaded = await store.GetAsync(StorageKeys.ModelPrefix("whole") + SafetensorsCheckpoint.SingleFile, CancellationToken.None);
        Assert.Equal(downloaded!.ContentLength, new FileInfo(Path.Combine(directory, SafetensorsCheckpoint.SingleFile)).Length);
        Assert.Contains("lm_head.weight", SafetensorsCheckpoint.TensorNames(directory));
        Assert.Equal(directory, registry.LocalFilesOf("whole"));
    }
}
