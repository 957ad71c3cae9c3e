namespace AdapterPipeline.TrainingWorker.Compute;

/// <summary>The memory this process may use: the cgroup (v2, then v1) limit when one is set, else physical memory.</summary>
public static class MachineMemory
{
    public static long? LimitBytes()
    {
        var cgroup = ReadLimit("/sys/fs/cgroup/memory.max") ?? ReadLimit("/sys/fs/cgroup/memory/memory.limit_in_bytes");
        var physical = PhysicalBytes();
        return cgroup is { } limit && (physical is null || limit < physical) ? limit : physical;
    }

    private static long? ReadLimit(string path)
    {
        try
        {
            // "max" (v2) and the huge sentinel (v1) both mean no limit; the comparison with physical memory drops the latter.
            return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), out var bytes) && bytes > 0 ? bytes : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? PhysicalBytes()
    {
        var info = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (info > 0)
        {
            return info;
        }
        const string meminfo = "/proc/meminfo";
        var line = File.Exists(meminfo) ? File.ReadLines(meminfo).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kib) ? kib * 1024 : null;
    }
}
