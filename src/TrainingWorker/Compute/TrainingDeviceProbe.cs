namespace AdapterPipeline.TrainingWorker.Compute;

internal sealed partial class TrainingDeviceProbe(TrainingDevice device, ILogger<TrainingDeviceProbe> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDevice(device.Description, TorchSharp.torch.__version__);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Training device: {Device} (libtorch {LibTorchVersion})")]
    private partial void LogDevice(string device, string libTorchVersion);
}
