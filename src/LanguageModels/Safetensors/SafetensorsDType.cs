using TorchSharp;

namespace AdapterPipeline.LanguageModels.Safetensors;

/// <summary>The element types this project reads and writes, spelled as in the safetensors header.</summary>
public enum SafetensorsDType
{
    F32,
    F16,
    BF16,
    F64,
    I64,
    I32,
    U8,
}

public static class SafetensorsDTypes
{
    public static int ByteSize(this SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F32 or SafetensorsDType.I32 => 4,
        SafetensorsDType.F16 or SafetensorsDType.BF16 => 2,
        SafetensorsDType.F64 or SafetensorsDType.I64 => 8,
        SafetensorsDType.U8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    public static torch.ScalarType ToScalarType(this SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F32 => torch.ScalarType.Float32,
        SafetensorsDType.F16 => torch.ScalarType.Float16,
        SafetensorsDType.BF16 => torch.ScalarType.BFloat16,
        SafetensorsDType.F64 => torch.ScalarType.Float64,
        SafetensorsDType.I64 => torch.ScalarType.Int64,
        SafetensorsDType.I32 => torch.ScalarType.Int32,
        SafetensorsDType.U8 => torch.ScalarType.Byte,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    public static SafetensorsDType FromScalarType(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => SafetensorsDType.F32,
        torch.ScalarType.Float16 => SafetensorsDType.F16,
        torch.ScalarType.BFloat16 => SafetensorsDType.BF16,
        torch.ScalarType.Float64 => SafetensorsDType.F64,
        torch.ScalarType.Int64 => SafetensorsDType.I64,
        torch.ScalarType.Int32 => SafetensorsDType.I32,
        torch.ScalarType.Byte => SafetensorsDType.U8,
        _ => throw new NotSupportedException($"Tensors of type {type} cannot be stored in safetensors by this project."),
    };

    public static SafetensorsDType Parse(string name) =>
        Enum.TryParse<SafetensorsDType>(name, ignoreCase: false, out var dtype) && Enum.IsDefined(dtype)
            ? dtype
            : throw new SafetensorsFormatException($"Unsupported safetensors dtype '{name}'.");
}
