namespace AdapterPipeline.Contracts;

/// <summary>
/// The queues the training saga sends its commands to by name. Sending to <c>queue:{name}</c> declares the durable
/// queue before the first message, so a command sent before any worker ever started waits there for one.
/// </summary>
public static class CommandQueues
{
    /// <summary>Where <see cref="Training.StartTraining"/> waits for the training workers.</summary>
    public const string StartTraining = "start-training";

    /// <summary>Where <see cref="Packaging.PackageAdapter"/> waits for the packaging workers.</summary>
    public const string PackageAdapter = "package-adapter";

    /// <summary>The send address of <paramref name="queue"/>.</summary>
    public static Uri Address(string queue) => new($"queue:{queue}");
}
