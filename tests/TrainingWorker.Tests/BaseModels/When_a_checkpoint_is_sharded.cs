using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Safetensors;
using AdapterPipeline.TrainingWorker.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Tests.BaseModels;

public sealed class When_a_checkpoint_is_sharded : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("sharded-").FullName;

    [Fact]
    public void Should_load_every_shard_named_in_the_index_and_compute_the_same_logits()
    {
        var source = ReferenceModels.PathOf("tiny-llama");
        foreach (var file in new[] { "config.json", "tokenizer.json" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(directory, file));
        }
        var tensors = SafetensorsReader.Read(Path.Combine(source, "model.safetensors")).Tensors;
        ShardedCheckpoint.Write(directory, tensors);

        using var sharded = BaseModelLoader.Load("sharded", directory, CPU, float32);
        using var single = BaseModelLoader.Load("single", source, CPU, float32);
        using var ids = tensor(new long[] { 1, 2, 3, 4, 5, 6 }, [1, 6]);
        using var _ = no_grad();

        Assert.Equal(2, Directory.GetFiles(directory, "model-*.safetensors").Length);
        Assert.Equal(0f, (sharded.Model.Forward(ids, null, false) - single.Model.Forward(ids, null, false)).abs().max().item<float>());
    }

    [Fact]
    public void Should_explain_a_directory_without_safetensors()
    {
        File.Copy(Path.Combine(ReferenceModels.PathOf("tiny-llama"), "config.json"), Path.Combine(directory, "config.json"));
        File.Copy(Path.Combine(ReferenceModels.PathOf("tiny-llama"), "tokenizer.json"), Path.Combine(directory, "tokenizer.json"));

        var error = Assert.Throws<NotSupportedException>(() => BaseModelLoader.Load("empty", directory, CPU, float32));
        Assert.Contains("model.safetensors", error.Message);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
