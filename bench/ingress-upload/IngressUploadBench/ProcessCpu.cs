/// <summary>
/// User plus system CPU seconds of this process and of the processes named in <c>name=pid,name=pid</c>, read from
/// <c>/proc/&lt;pid&gt;/stat</c>.
/// </summary>
internal sealed class ProcessCpu
{
    private readonly (string Name, int Pid)[] processes;

    public ProcessCpu(string? named) =>
        processes = [("bench", Environment.ProcessId), .. (named ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=')).Select(p => (p[0], int.Parse(p[1])))];

    public double[] Seconds() => processes.Select(p =>
    {
        // Fields after the command name (which may hold spaces) start at the state; utime and stime are 14th and 15th.
        var fields = File.ReadAllText($"/proc/{p.Pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / (double)ClockTicksPerSecond;
    }).ToArray();

    public string Describe(double[] from, double[] to) =>
        string.Join(" ", processes.Select((p, i) => $"{p.Name} {to[i] - from[i]:F2}"));

    // USER_HZ, 100 on every Linux architecture .NET runs on.
    private const int ClockTicksPerSecond = 100;
}
