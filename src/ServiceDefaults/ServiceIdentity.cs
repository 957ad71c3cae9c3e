namespace AdapterPipeline.ServiceDefaults;

/// <summary>The running service's name (kebab-case) and instance, as reported in telemetry and diagnostics.</summary>
public sealed record ServiceIdentity(string Name)
{
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
