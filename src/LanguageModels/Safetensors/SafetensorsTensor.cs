using System.Runtime.InteropServices;
using TorchSharp;

namespace AdapterPipeline.LanguageModels.Safetensors;

/// <summary>One tensor as stored: element type, shape and raw little-endian bytes in row-major order.</summary>
public sealed record SafetensorsTensor(SafetensorsDType DType, long[] Shape, byte[] Data)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public static SafetensorsTensor FromTorch(torch.Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        var dtype = SafetensorsDTypes.FromScalarType(cpu.dtype);
        return new SafetensorsTensor(dtype, cpu.shape, cpu.bytes.ToArray());
    }

    public static SafetensorsTensor FromFloats(float[] values, params long[] shape) =>
        new(SafetensorsDType.F32, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>The values rounded to bfloat16 (to nearest, ties to even), as a BF16 tensor.</summary>
    public static SafetensorsTensor FromFloatsAsBFloat16(float[] values, params long[] shape)
    {
        var data = new byte[values.Length * 2];
        var halves = MemoryMarshal.Cast<byte, ushort>(data.AsSpan());
        for (var i = 0; i < values.Length; i++)
        {
            var bits = BitConverter.SingleToUInt32Bits(values[i]);
            halves[i] = (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
        }
        return new SafetensorsTensor(SafetensorsDType.BF16, shape, data);
    }

    /// <summary>A new CPU tensor holding a copy of <see cref="Data"/>.</summary>
    public torch.Tensor ToTorch()
    {
        var tensor = torch.empty(Shape, DType.ToScalarType());
        if (Data.Length > 0)
        {
            tensor.bytes = Data;
        }
        return tensor;
    }
}
