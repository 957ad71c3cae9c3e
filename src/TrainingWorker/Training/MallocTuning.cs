using System.Runtime.InteropServices;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// Raises glibc's mmap and trim thresholds. libtorch allocates and frees activation buffers of a few MiB every
/// step; under the defaults each one is a fresh mmap/munmap with page faults, and CPU training ran 1.7–1.9× slower.
/// </summary>
public static class MallocTuning
{
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;
    private const int ThresholdBytes = 32 * 1024 * 1024;

    /// <summary>Applies the thresholds once; a no-op off glibc Linux. Returns whether they were set.</summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return mallopt(MmapThreshold, ThresholdBytes) == 1 && mallopt(TrimThreshold, 2 * ThresholdBytes) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
