namespace AdapterPipeline.TrainingWorker.Compute;

/// <summary>
/// How much of the machine training may use, bound from the <c>Training</c> section:
/// <code>
/// "Training": { "Threads": 8, "MaxMemoryBytes": 17179869184 }
/// </code>
/// </summary>
public sealed class ComputeOptions
{
    public const string Section = "Training";

    /// <summary>Intra-op threads for libtorch; when unset, <see cref="Environment.ProcessorCount"/> (which honours the cgroup CPU limit).</summary>
    public int? Threads { get; set; }

    /// <summary>
    /// Memory a job may need on the training device; jobs estimated above it are refused at submission. When unset:
    /// on the CPU the cgroup memory limit, else physical memory; on a GPU no check is made.
    /// </summary>
    public long? MaxMemoryBytes { get; set; }
}
