using System.Buffers.Binary;
using System.Text.Json;
using System.Text;

namespace AdapterPipeline.LanguageModels.Safetensors;

/// <summary>Writes the safetensors format; tensors are laid out in name order and the header is padded to 8 bytes.</summary>
public static class SafetensorsWriter
{
    public static void Write(string path, IReadOnlyDictionary<string, SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = File.Create(path);
        Write(stream, tensors, metadata);
    }

    public static void Write(Stream stream, IReadOnlyDictionary<string, SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var header = BuildHeader(ordered, metadata);

        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var (_, tensor) in ordered)
        {
            stream.Write(tensor.Data);
        }
    }

    private static byte[] BuildHeader(List<KeyValuePair<string, SafetensorsTensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                var expected = tensor.ElementCount * tensor.DType.ByteSize();
                if (tensor.Data.Length != expected)
                {
                    throw new ArgumentException($"Tensor '{name}' holds {tensor.Data.Length} bytes; its shape and dtype need {expected}.", nameof(tensors));
                }
                json.WriteStartObject(name);
                json.WriteString("dtype", tensor.DType.ToString());
                json.WriteStartArray("shape");
                foreach (var dim in tensor.Shape)
                {
                    json.WriteNumberValue(dim);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + tensor.Data.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += tensor.Data.Length;
            }
            json.WriteEndObject();
        }
        var length = (int)buffer.Length;
        var padded = (length + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.GetBuffer().AsSpan(0, length).CopyTo(header);
        header.AsSpan(length).Fill((byte)' ');
        return header;
    }
}
