using TorchSharp;

namespace AdapterPipeline.LanguageModels.Safetensors;

/// <summary>
/// A safetensors file opened for reading tensor by tensor: only the header is held, and each tensor's bytes are
/// read from disk straight into the memory of a new torch tensor (no managed copy in between).
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    // Spans over tensor memory are int-indexed, so larger tensors are filled in slices.
    private const long SliceBytes = 1L << 30;

    private readonly FileStream stream;
    private readonly long dataStart;

    private SafetensorsFile(FileStream stream, Dictionary<string, SafetensorsEntry> entries)
    {
        this.stream = stream;
        Entries = entries;
        dataStart = stream.Position;
    }

    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }

    public static SafetensorsFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        try
        {
            return new SafetensorsFile(stream, SafetensorsReader.ReadHeader(stream, out _));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Tensor names and shapes of a file, reading only its header.</summary>
    public static IReadOnlyDictionary<string, SafetensorsEntry> ReadEntries(string path)
    {
        using var file = Open(path);
        return file.Entries;
    }

    /// <summary>A new CPU tensor in the stored dtype.</summary>
    public torch.Tensor Read(string name)
    {
        var entry = Entries[name];
        var tensor = torch.empty(entry.Shape, entry.DType.ToScalarType());
        var elementBytes = entry.DType.ByteSize();
        var elements = tensor.numel();
        if (elements == 0)
        {
            return tensor;
        }
        stream.Position = dataStart + entry.Begin;
        using var flat = tensor.view(-1);
        var sliceElements = Math.Max(1, SliceBytes / elementBytes);
        for (long start = 0; start < elements; start += sliceElements)
        {
            using var slice = flat.narrow(0, start, Math.Min(sliceElements, elements - start));
            stream.ReadExactly(slice.bytes);
        }
        return tensor;
    }

    public void Dispose() => stream.Dispose();
}
