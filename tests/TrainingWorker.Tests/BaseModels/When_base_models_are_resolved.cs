using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.TrainingWorker.Tests.Models;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Tests.BaseModels;

public sealed class When_base_models_are_resolved : IDisposable
{
    private readonly string cache = Directory.CreateTempSubdirectory("model-cache-").FullName;

    private BaseModelRegistry Registry(Dictionary<string, BaseModelSource>? configured = null) =>
        new(Options.Create(new BaseModelOptions { ModelCacheDirectory = cache, BaseModels = configured ?? [] }));

    [Fact]
    public async Task Should_generate_a_built_in_once_in_hugging_face_layout()
    {
        var registry = Registry();

        var directory = await registry.ResolveAsync("tiny-llama", CancellationToken.None);
        var written = File.GetLastWriteTimeUtc(Path.Combine(directory, "model.safetensors"));
        var again = await registry.ResolveAsync("tiny-llama", CancellationToken.None);

        Assert.Equal(Path.Combine(cache, "tiny-llama"), directory);
        Assert.Equal(directory, again);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(again, "model.safetensors")));
        Assert.Equal(["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"], Directory.GetFiles(directory).Select(f => Path.GetFileName(f)!).Order().ToArray());
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(ReferenceModels.PathOf("tiny-llama"), "model.safetensors")),
            File.ReadAllBytes(Path.Combine(directory, "model.safetensors")));
    }

    [Fact]
    public async Task Should_use_a_configured_local_directory_and_read_its_architecture()
    {
        var registry = Registry(new() { ["my-gpt2"] = new BaseModelSource { Path = ReferenceModels.PathOf("tiny-gpt2") } });

        Assert.Contains("my-gpt2", registry.Names);
        Assert.Equal(ModelArchitecture.Gpt2, registry.ArchitectureOf("my-gpt2"));
        Assert.Equal(ReferenceModels.PathOf("tiny-gpt2"), await registry.ResolveAsync("my-gpt2", CancellationToken.None));
    }

    [Fact]
    public async Task Should_explain_that_an_s3_model_needs_an_object_store()
    {
        var registry = Registry(new() { ["qwen2-0.5b"] = new BaseModelSource() });

        Assert.Null(registry.ArchitectureOf("qwen2-0.5b"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.ResolveAsync("qwen2-0.5b", CancellationToken.None));
        Assert.Contains("S3", error.Message);
        Assert.False(Directory.Exists(Path.Combine(cache, "qwen2-0.5b")));
    }

    [Fact]
    public async Task Should_refuse_unknown_names()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Registry().ResolveAsync("nope", CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(cache, recursive: true);
}
