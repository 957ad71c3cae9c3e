namespace AdapterPipeline.Cli.Jobs;

/// <summary>A row of block characters whose heights follow a series (lowest value ▁, highest █).</summary>
public static class Sparkline
{
    private const string Levels = "▁▂▃▄▅▆▇█";

    /// <summary>The last <paramref name="width"/> values; a flat series is drawn at mid height.</summary>
    public static string Of(IReadOnlyList<double> values, int width = 40)
    {
        var shown = values.Skip(Math.Max(0, values.Count - width)).Where(double.IsFinite).ToList();
        if (shown.Count == 0)
        {
            return "";
        }
        var (min, max) = (shown.Min(), shown.Max());
        if (max - min < 1e-12)
        {
            return new string(Levels[Levels.Length / 2], shown.Count);
        }
        return string.Concat(shown.Select(v => Levels[(int)Math.Round((v - min) / (max - min) * (Levels.Length - 1))]));
    }
}
