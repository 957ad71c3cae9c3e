using AdapterPipeline.Diagnostics;
using TorchSharp;

namespace AdapterPipeline.TrainingWorker.Compute;

/// <summary>
/// The device training runs on: CUDA when libtorch was built with it and a GPU answers, CPU otherwise.
/// Loading TorchSharp here, once, makes a broken native install fail at start-up rather than mid-job.
/// </summary>
public sealed class TrainingDevice : IPingDetail
{
    private readonly Lazy<(torch.Device Device, string Description)> probe = new(Probe);

    public torch.Device Device => probe.Value.Device;

    public string Description => probe.Value.Description;

    public string? Describe() => $"device={Description}";

    private static (torch.Device, string) Probe()
    {
        if (torch.cuda.is_available())
        {
            return (torch.CUDA, $"cuda ({torch.cuda.device_count()} device(s))");
        }
        return (torch.CPU, $"cpu ({torch.get_num_threads()} threads)");
    }
}
