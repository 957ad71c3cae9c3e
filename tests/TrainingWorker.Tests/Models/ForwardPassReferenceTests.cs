using System.Security.Cryptography;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Safetensors;
using TorchSharp;

namespace AdapterPipeline.TrainingWorker.Tests.Models;

public class When_the_forward_pass_is_compared_with_the_independent_reference
{
    [Theory]
    [InlineData("tiny-llama")]
    [InlineData("tiny-gpt2")]
    [InlineData("tiny-qwen2")]
    [InlineData(ReferenceModels.Qwen25Shape)]
    [InlineData(ReferenceModels.Llama32Shape)]
    [InlineData(ReferenceModels.Qwen3Shape)]
    public void Should_produce_the_reference_logits(string name)
    {
        var directory = ReferenceModels.PathOf(name);
        var reference = SafetensorsReader.Read(Path.Combine(AppContext.BaseDirectory, "Reference", name + ".safetensors"));
        string weightsHash;
        using (var weights = File.OpenRead(Path.Combine(directory, "model.safetensors")))
        {
            weightsHash = Convert.ToHexStringLower(SHA256.HashData(weights));
        }
        Assert.True(reference.Metadata["weights_sha256"] == weightsHash,
            $"The generated {name} weights changed since the reference was recorded; rerun tools/reference (docs/lora-training.md).");

        using var model = BaseModelLoader.Load(name, directory, torch.CPU, torch.float32);
        using var ids = reference.Tensors["input_ids"].ToTorch();
        using var expected = reference.Tensors["logits"].ToTorch();
        using var _ = torch.no_grad();
        using var logits = model.Model.Forward(ids, adapter: null, training: false);

        // Real vocabularies are recorded at every 64th column, plus each position's log-sum-exp over all of them.
        if (reference.Tensors.TryGetValue("columns", out var columns))
        {
            using var columnIds = columns.ToTorch();
            using var expectedLogSumExp = reference.Tensors["logsumexp"].ToTorch();
            var logSumExpDiff = (logits.logsumexp(-1) - expectedLogSumExp).abs().max().item<float>();
            Assert.True(logSumExpDiff < 1e-4, $"max |logsumexp - reference| = {logSumExpDiff}");
            using var selected = logits.index_select(-1, columnIds);
            Compare(selected, expected);
        }
        else
        {
            Compare(logits, expected);
        }
    }

    private static void Compare(torch.Tensor logits, torch.Tensor expected)
    {
        Assert.Equal(expected.shape, logits.shape);
        var maxDiff = (logits - expected).abs().max().item<float>();
        Assert.True(maxDiff < 1e-4, $"max |logits - reference| = {maxDiff}");
        // Guards against a reference that is too flat to catch mistakes.
        Assert.True(expected.std().item<float>() > 0.1f);
    }
}
