using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>
/// Keys and values [batch, kv heads, positions, head dim] of every layer for the positions decoded so far. The
/// tensors live outside any dispose scope until the cache is disposed or they are replaced.
/// </summary>
public sealed class KeyValueCache(int layers) : IDisposable
{
    private readonly Tensor?[] keys = new Tensor?[layers];
    private readonly Tensor?[] values = new Tensor?[layers];

    /// <summary>Positions held.</summary>
    public int Length { get; private set; }

    /// <summary>The layer's keys and values with <paramref name="key"/> and <paramref name="value"/> appended.</summary>
    internal (Tensor Key, Tensor Value) Append(int layer, Tensor key, Tensor value)
    {
        var k = keys[layer] is { } oldKeys ? cat([oldKeys, key], 2) : key.detach();
        var v = values[layer] is { } oldValues ? cat([oldValues, value], 2) : value.detach();
        keys[layer]?.Dispose();
        values[layer]?.Dispose();
        keys[layer] = k.DetachFromDisposeScope();
        values[layer] = v.DetachFromDisposeScope();
        return (k, v);
    }

    internal void Advance(long positions) => Length += (int)positions;

    internal Tensor Key(int layer) => keys[layer] ?? throw new InvalidOperationException("The cache is empty.");

    internal Tensor Value(int layer) => values[layer] ?? throw new InvalidOperationException("The cache is empty.");

    public void Dispose()
    {
        foreach (var t in keys.Concat(values))
        {
            t?.Dispose();
        }
        Array.Clear(keys);
        Array.Clear(values);
    }
}
