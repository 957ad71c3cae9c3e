using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>
/// Keys and values [rows, kv heads, columns, head dim] of every layer for a batch whose rows joined at different
/// times: each row's positions are right-aligned, the columns before a row's first position are padding that
/// <see cref="StepMask"/> hides, and each row keeps its own next position for the rotary or learned embedding. Rows
/// join with the cache their prompt filled alone, and leave between steps.
/// </summary>
public sealed class BatchKeyValueCache(int layers) : IDisposable
{
    private readonly Tensor?[] keys = new Tensor?[layers];
    private readonly Tensor?[] values = new Tensor?[layers];
    private readonly List<long> positions = [];
    private Tensor? valid;

    public int Rows => positions.Count;

    /// <summary>The next position of each row (the number of positions it holds).</summary>
    public IReadOnlyList<long> Positions => positions;

    private long Columns => valid?.shape[1] ?? 0;

    /// <summary>Adds a row holding the positions of <paramref name="single"/> (one row); the caller keeps and disposes it.</summary>
    public void Join(KeyValueCache single)
    {
        using var scope = NewDisposeScope();
        long length = single.Length;
        var device = single.Key(0).device;
        if (length > Columns && Rows > 0)
        {
            var pad = length - Columns;
            for (var i = 0; i < layers; i++)
            {
                keys[i] = Replace(keys[i], PadLeft(keys[i]!, pad));
                values[i] = Replace(values[i], PadLeft(values[i]!, pad));
            }
            valid = Replace(valid, cat([zeros([Rows, pad], ScalarType.Bool, device), valid!], 1));
        }
        var columns = Math.Max(Columns, length);
        for (var i = 0; i < layers; i++)
        {
            var k = PadLeft(single.Key(i), columns - length);
            var v = PadLeft(single.Value(i), columns - length);
            keys[i] = Replace(keys[i], keys[i] is null ? k : cat([keys[i]!, k], 0));
            values[i] = Replace(values[i], values[i] is null ? v : cat([values[i]!, v], 0));
        }
        var row = cat([zeros([1, columns - length], ScalarType.Bool, device), ones([1, length], ScalarType.Bool, device)], 1);
        valid = Replace(valid, valid is null ? row : cat([valid, row], 0));
        positions.Add(length);
    }

    /// <summary>Removes the rows at <paramref name="rows"/>, then the leading columns that only padding is left in.</summary>
    public void Leave(IReadOnlyCollection<int> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var keep = Enumerable.Range(0, Rows).Where(r => !rows.Contains(r)).Select(r => (long)r).ToArray();
        foreach (var r in rows.OrderDescending())
        {
            positions.RemoveAt(r);
        }
        if (keep.Length == 0)
        {
            Clear();
            return;
        }
        using var scope = NewDisposeScope();
        var index = tensor(keep).to(valid!.device);
        var stillValid = valid.index_select(0, index);
        var first = (long)stillValid.any(0).to(ScalarType.Int64).argmax().item<long>();
        for (var i = 0; i < layers; i++)
        {
            keys[i] = Replace(keys[i], keys[i]!.index_select(0, index).narrow(2, first, Columns - first));
            values[i] = Replace(values[i], values[i]!.index_select(0, index).narrow(2, first, Columns - first));
        }
        valid = Replace(valid, stillValid.narrow(1, first, Columns - first));
    }

    /// <summary>Each row's next position, for the embedding of the token it decodes next.</summary>
    internal Tensor PositionTensor(torch.Device device) => tensor(positions.ToArray()).to(device);

    /// <summary>Which columns each row's new query may attend to, the new one included: [rows, 1, 1, columns + 1].</summary>
    internal Tensor StepMask() =>
        cat([valid!, ones([Rows, 1], ScalarType.Bool, valid!.device)], 1).view(Rows, 1, 1, -1);

    /// <summary>The layer's keys and values with one new column per row appended.</summary>
    internal (Tensor Key, Tensor Value) Append(int layer, Tensor key, Tensor value)
    {
        var k = cat([keys[layer]!, key], 2);
        var v = cat([values[layer]!, value], 2);
        keys[layer]!.Dispose();
        values[layer]!.Dispose();
        keys[layer] = k.DetachFromDisposeScope();
        values[layer] = v.DetachFromDisposeScope();
        return (k, v);
    }

    /// <summary>Records the column every row just decoded.</summary>
    internal void Advance()
    {
        var old = valid!;
        valid = cat([old, ones([Rows, 1], ScalarType.Bool, old.device)], 1).DetachFromDisposeScope();
        old.Dispose();
        for (var i = 0; i < positions.Count; i++)
        {
            positions[i]++;
        }
    }

    private static Tensor PadLeft(Tensor t, long columns) =>
        columns == 0 ? t : cat([zeros([t.shape[0], t.shape[1], columns, t.shape[3]], t.dtype, t.device), t], 2);

    private static Tensor Replace(Tensor? old, Tensor replacement)
    {
        var kept = replacement.detach().DetachFromDisposeScope();
        old?.Dispose();
        return kept;
    }

    private void Clear()
    {
        foreach (var t in keys.Concat(values))
        {
            t?.Dispose();
        }
        Array.Clear(keys);
        Array.Clear(values);
        valid?.Dispose();
        valid = null;
    }

    public void Dispose() => Clear();
}
