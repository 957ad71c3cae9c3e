namespace AdapterPipeline.TrainingBench;

/// <summary>This process's resident memory now (VmRSS) and at its peak (VmHWM), in MiB.</summary>
internal static class ProcessMemory
{
    public static double ResidentMiB() => Field("VmRSS:");

    public static double PeakMiB() => Field("VmHWM:");

    private static double Field(string name) =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
}
