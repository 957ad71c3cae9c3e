using System.Collections.Concurrent;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// Tokens per second this worker trains each base model at: the mean of its finished runs, the latest weighing half
/// (so a changed machine shows within a few runs). Before a base model's first run,
/// <see cref="DefaultFlopsPerSecond"/> / (6 · parameters) — training costs about 6 FLOPs per parameter and token
/// (forward 2, backward 4), and 10¹⁰ FLOP/s is what the 2-core development VM sustains on tiny-llama.
/// </summary>
public sealed class TrainingThroughput
{
    public const double DefaultFlopsPerSecond = 1e10;

    private readonly ConcurrentDictionary<string, double> measured = new(StringComparer.Ordinal);

    public void Record(string baseModel, double tokensPerSecond)
    {
        if (double.IsFinite(tokensPerSecond) && tokensPerSecond > 0)
        {
            measured.AddOrUpdate(baseModel, tokensPerSecond, (_, mean) => (mean + tokensPerSecond) / 2);
        }
    }

    /// <summary>The measured rate, or the default for a model of <paramref name="parameters"/> parameters; <paramref name="measuredHere"/> says which.</summary>
    public double TokensPerSecond(string baseModel, long parameters, out bool measuredHere)
    {
        measuredHere = measured.TryGetValue(baseModel, out var rate);
        return measuredHere ? rate : DefaultFlopsPerSecond / (6.0 * Math.Max(1, parameters));
    }
}
