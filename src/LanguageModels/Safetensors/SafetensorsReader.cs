using System.Buffers.Binary;
using System.Text.Json;

namespace AdapterPipeline.LanguageModels.Safetensors;

/// <summary>
/// Reads the safetensors format: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
/// shape and byte range, then the raw data.
/// </summary>
public static class SafetensorsReader
{
    // Hugging Face's reference implementation refuses larger headers; a bigger one means a corrupt file.
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>The length prefix before the header.</summary>
    public const int PrefixBytes = 8;

    public static SafetensorsDocument Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static SafetensorsDocument Read(Stream stream)
    {
        var entries = ReadHeader(stream, out var metadata);
        var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        long position = 0;
        foreach (var (name, entry) in entries.OrderBy(e => e.Value.Begin))
        {
            if (entry.Begin != position)
            {
                throw new SafetensorsFormatException($"Tensor '{name}' starts at {entry.Begin}, expected {position}: data is not contiguous.");
            }
            var data = new byte[entry.End - entry.Begin];
            stream.ReadExactly(data);
            tensors[name] = new SafetensorsTensor(entry.DType, entry.Shape, data);
            position = entry.End;
        }
        return new SafetensorsDocument(tensors, metadata);
    }

    /// <summary>
    /// Reads the length prefix and the header, leaving <paramref name="stream"/> at the first data byte; entry
    /// offsets count from there.
    /// </summary>
    public static Dictionary<string, SafetensorsEntry> ReadHeader(Stream stream, out Dictionary<string, string> metadata)
    {
        Span<byte> prefix = stackalloc byte[PrefixBytes];
        stream.ReadExactly(prefix);
        var header = new byte[HeaderLength(prefix)];
        stream.ReadExactly(header);
        return ParseHeader(header, out metadata);
    }

    /// <summary>The header length an 8-byte prefix gives, checked against the format's bounds.</summary>
    public static long HeaderLength(ReadOnlySpan<byte> prefix)
    {
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(prefix);
        return headerLength is > 0 and <= MaxHeaderBytes
            ? headerLength
            : throw new SafetensorsFormatException($"Header length {headerLength} is out of range.");
    }

    private static Dictionary<string, SafetensorsEntry> ParseHeader(byte[] header, out Dictionary<string, string> metadata)
    {
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(header);
        }
        catch (JsonException ex)
        {
            throw new SafetensorsFormatException($"Header is not valid JSON: {ex.Message}");
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SafetensorsFormatException("Header is not a JSON object.");
            }
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var item in property.Value.EnumerateObject())
                    {
                        metadata[item.Name] = item.Value.GetString() ?? "";
                    }
                    continue;
                }
                entries[property.Name] = ParseEntry(property.Name, property.Value);
            }
        }
        return entries;
    }

    private static SafetensorsEntry ParseEntry(string name, JsonElement element)
    {
        try
        {
            var dtype = SafetensorsDTypes.Parse(element.GetProperty("dtype").GetString() ?? "");
            var shape = element.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = element.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
            {
                throw new SafetensorsFormatException($"Tensor '{name}' has invalid data_offsets.");
            }
            var expected = shape.Aggregate(1L, (a, b) => a * b) * dtype.ByteSize();
            if (offsets[1] - offsets[0] != expected)
            {
                throw new SafetensorsFormatException($"Tensor '{name}' holds {offsets[1] - offsets[0]} bytes; its shape and dtype need {expected}.");
            }
            return new SafetensorsEntry(dtype, shape, offsets[0], offsets[1]);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SafetensorsFormatException($"Tensor '{name}' has a malformed header entry: {ex.Message}");
        }
    }
}
