using System.Buffers.Binary;
using System.Text;
using AdapterPipeline.LanguageModels.Safetensors;
using TorchSharp;

namespace AdapterPipeline.TrainingWorker.Tests.Safetensors;

public class When_tensors_are_written_and_read_back
{
    [Fact]
    public void Should_return_every_tensor_bit_exactly_with_its_metadata()
    {
        var random = new Random(7);
        var tensors = new Dictionary<string, SafetensorsTensor>
        {
            ["f32"] = RandomTensor(random, SafetensorsDType.F32, 3, 5),
            ["f16"] = RandomTensor(random, SafetensorsDType.F16, 4, 2, 3),
            ["bf16"] = RandomTensor(random, SafetensorsDType.BF16, 7),
            ["i64"] = RandomTensor(random, SafetensorsDType.I64, 2, 2),
            ["scalar"] = RandomTensor(random, SafetensorsDType.F32),
            ["empty"] = RandomTensor(random, SafetensorsDType.F32, 0, 4),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode" };

        using var stream = new MemoryStream();
        SafetensorsWriter.Write(stream, tensors, metadata);
        stream.Position = 0;
        var read = SafetensorsReader.Read(stream);

        Assert.Equal(metadata, read.Metadata);
        Assert.Equal(tensors.Keys.Order(), read.Tensors.Keys.Order());
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.DType, read.Tensors[name].DType);
            Assert.Equal(tensor.Shape, read.Tensors[name].Shape);
            Assert.Equal(tensor.Data, read.Tensors[name].Data);
        }
    }

    [Fact]
    public void Should_pad_the_header_to_eight_bytes_and_keep_data_contiguous()
    {
        using var stream = new MemoryStream();
        SafetensorsWriter.Write(stream, new Dictionary<string, SafetensorsTensor>
        {
            ["b"] = SafetensorsTensor.FromFloats([1, 2], 2),
            ["a"] = SafetensorsTensor.FromFloats([3], 1),
        });
        var bytes = stream.ToArray();
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);

        Assert.Equal(0, headerLength % 8);
        Assert.Contains("\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}", header);
        Assert.Contains("\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}", header);
        Assert.Equal(8 + headerLength + 12, bytes.Length);
        Assert.Equal(3f, BitConverter.ToSingle(bytes, 8 + (int)headerLength));
    }

    [Theory]
    [InlineData(SafetensorsDType.F32)]
    [InlineData(SafetensorsDType.F16)]
    [InlineData(SafetensorsDType.BF16)]
    public void Should_convert_to_and_from_torch_without_changing_a_bit(SafetensorsDType dtype)
    {
        var original = RandomTensor(new Random(3), dtype, 6, 4);

        using var tensor = original.ToTorch();
        var back = SafetensorsTensor.FromTorch(tensor);

        Assert.Equal(dtype.ToScalarType(), tensor.dtype);
        Assert.Equal(original.Shape, tensor.shape);
        Assert.Equal(original.Data, back.Data);
    }

    [Fact]
    public void Should_read_values_torch_agrees_with()
    {
        var values = new float[] { 1.5f, -2f, 3.25f, 0f, 1e-3f, 42f };
        using var tensor = SafetensorsTensor.FromFloats(values, 2, 3).ToTorch();

        Assert.Equal(3.25f, tensor[0, 2].item<float>());
        Assert.Equal(42f, tensor[1, 2].item<float>());
        Assert.Equal(values.Sum(), tensor.sum().item<float>(), 4);
    }

    [Fact]
    public void Should_reject_a_header_whose_byte_range_does_not_match_the_shape()
    {
        var header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        using var stream = new MemoryStream();
        var prefix = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, header.Length);
        stream.Write(prefix);
        stream.Write(Encoding.UTF8.GetBytes(header));
        stream.Write(new byte[8]);
        stream.Position = 0;

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Read(stream));
        Assert.Contains("'x'", error.Message);
    }

    private static SafetensorsTensor RandomTensor(Random random, SafetensorsDType dtype, params long[] shape)
    {
        var data = new byte[shape.Aggregate(1L, (a, b) => a * b) * dtype.ByteSize()];
        random.NextBytes(data);
        if (dtype is SafetensorsDType.F16 or SafetensorsDType.BF16)
        {
            // Keep exponents clear of NaN patterns, which torch may canonicalise.
            for (var i = 1; i < data.Length; i += 2)
            {
                data[i] &= 0x3F;
            }
        }
        else if (dtype == SafetensorsDType.F32)
        {
            for (var i = 3; i < data.Length; i += 4)
            {
                data[i] &= 0x3F;
            }
        }
        return new SafetensorsTensor(dtype, shape, data);
    }
}
