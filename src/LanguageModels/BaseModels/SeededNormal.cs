namespace AdapterPipeline.LanguageModels.BaseModels;

/// <summary>
/// Normal samples from SplitMix64 and Box–Muller: the same seed gives the same floats on every platform and
/// libtorch version, so generated tiny models (and the reference logits recorded for them) never drift.
/// </summary>
internal sealed class SeededNormal(ulong seed)
{
    private ulong state = seed;

    public float[] Next(int count, double mean, double std)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
            var u2 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
            var z = Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
            values[i] = (float)(mean + std * z);
        }
        return values;
    }

    private ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
