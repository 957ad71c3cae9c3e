namespace AdapterPipeline.TrainingWorker.Compute;

/// <summary>Bytes a LoRA training job needs at its peak on the training device, by what holds them.</summary>
public sealed record MemoryEstimate(long Weights, long AdapterAndOptimizer, long Activations, long Logits, long Runtime)
{
    public long Total => Weights + AdapterAndOptimizer + Activations + Logits + Runtime;

    public override string ToString() =>
        $"{GiB(Total)} (weights {GiB(Weights)}, LoRA and AdamW state {GiB(AdapterAndOptimizer)}, activations {GiB(Activations)}, " +
        $"logits {GiB(Logits)}, runtime {GiB(Runtime)})";

    public static string GiB(long bytes) => $"{bytes / (double)(1L << 30):0.00} GiB";
}
