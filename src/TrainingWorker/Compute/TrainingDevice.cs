using AdapterPipeline.ServiceDefaults.Messaging;
using Microsoft.Extensions.Options;
using AdapterPipeline.Diagnostics;
using TorchSharp;

namespace AdapterPipeline.TrainingWorker.Compute;

/// <summary>
/// The device training runs on: CUDA when libtorch was built with it and a GPU answers, CPU otherwise.
/// Loading TorchSharp here, once, makes a broken native install fail at start-up rather than mid-job; the thread
/// count is set here too, as libtorch's default ignores the cgroup CPU limit.
/// </summary>
public sealed class TrainingDevice(IOptions<ComputeOptions>? options = null) : IPingDetail
{
    private readonly ComputeOptions settings = options?.Value ?? new ComputeOptions();
    private readonly Lazy<(torch.Device Device, string Description)> probe = new(() => Probe(options?.Value ?? new ComputeOptions()));

    public torch.Device Device => probe.Value.Device;

    public string Description => probe.Value.Description;

    /// <summary>The memory a job may need on <see cref="Device"/>; null when unknown (a GPU without a configured limit).</summary>
    public long? MemoryBudgetBytes =>
        settings.MaxMemoryBytes ?? (Device.type == DeviceType.CPU ? MachineMemory.LimitBytes() : null);

    public string? Describe() => $"device={Description}";

    private static (torch.Device, string) Probe(ComputeOptions settings)
    {
        torch.set_num_threads(settings.Threads is > 0 ? settings.Threads.Value : Environment.ProcessorCount);
        if (torch.cuda.is_available())
        {
            return (torch.CUDA, $"cuda ({torch.cuda.device_count()} device(s))");
        }
        return (torch.CPU, $"cpu ({torch.get_num_threads()} threads)");
    }
}
