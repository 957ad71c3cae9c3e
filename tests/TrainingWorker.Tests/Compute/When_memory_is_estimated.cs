using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Tests.Models;

namespace AdapterPipeline.TrainingWorker.Tests.Compute;

public class When_memory_is_estimated
{
    private static readonly LoraSettings Lora = new(8, 16, 0.05, ["q_proj", "v_proj"]);

    [Fact]
    public void Should_count_the_parameters_of_real_checkpoints_as_hugging_face_does()
    {
        Assert.Equal(494_032_768, MemoryEstimator.ParameterCount(ReferenceModels.Qwen25ShapeConfig with { NumLayers = 24 }));
        Assert.Equal(1_235_814_400, MemoryEstimator.ParameterCount(ReferenceModels.Llama32ShapeConfig with { NumLayers = 16 }));
        Assert.Equal(596_049_920, MemoryEstimator.ParameterCount(ReferenceModels.Qwen3ShapeConfig with { NumLayers = 28 }));
        Assert.Equal(124_439_808, MemoryEstimator.ParameterCount(new ModelConfig
        {
            Architecture = ModelArchitecture.Gpt2, ModelType = "gpt2", VocabSize = 50257, HiddenSize = 768, IntermediateSize = 3072,
            NumLayers = 12, NumHeads = 12, NumKeyValueHeads = 12, HeadDim = 64, MaxPositions = 1024, TieWordEmbeddings = true,
        }));
    }

    [Fact]
    public void Should_hold_the_weights_in_their_dtype_and_four_float32_copies_of_the_adapter()
    {
        var config = ReferenceModels.Qwen25ShapeConfig with { NumLayers = 24 };

        var estimate = MemoryEstimator.Estimate(config, Lora, 4, 256, weightElementBytes: 2);

        Assert.Equal(494_032_768L * 2, estimate.Weights);
        // q_proj 8·(896 + 896) and v_proj 8·(896 + 128) per layer; parameter, gradient and two AdamW moments.
        Assert.Equal(24L * 8 * (896 + 896 + 896 + 128) * 4 * 4, estimate.AdapterAndOptimizer);
        Assert.Equal(1024L * 151936 * 4 * 3, estimate.Logits);
    }

    [Fact]
    public void Should_grow_activations_with_batch_and_sequence_length_but_not_the_weights()
    {
        var config = ReferenceModels.Qwen25ShapeConfig with { NumLayers = 24 };

        var small = MemoryEstimator.Estimate(config, Lora, 1, 256, 4);
        var doubledBatch = MemoryEstimator.Estimate(config, Lora, 2, 256, 4);
        var doubledSequence = MemoryEstimator.Estimate(config, Lora, 1, 512, 4);

        Assert.Equal(2 * small.Activations, doubledBatch.Activations);
        Assert.True(doubledSequence.Activations > 2 * small.Activations, "attention scores grow with the square of the sequence");
        Assert.Equal(small.Weights, doubledBatch.Weights);
        Assert.Equal(small.Total - small.Activations - small.Logits, doubledBatch.Total - doubledBatch.Activations - doubledBatch.Logits);
    }

    [Fact]
    public void Should_cap_the_logits_at_one_chunk()
    {
        var config = ReferenceModels.Qwen25ShapeConfig;

        Assert.Equal(100L * 151936 * 12, MemoryEstimator.Estimate(config, Lora, 1, 100, 4).Logits);
        Assert.Equal(MemoryEstimator.LogitsChunkTokens * 151936 * 12, MemoryEstimator.Estimate(config, Lora, 8, 1024, 4).Logits);
    }
}
