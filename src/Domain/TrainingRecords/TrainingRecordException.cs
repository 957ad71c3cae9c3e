namespace AdapterPipeline.Domain.TrainingRecords;

/// <summary>A training record that breaks the format, with the 1-based line where it starts when that is known.</summary>
public sealed class TrainingRecordException(string message, int? line = null, Exception? inner = null) : Exception(message, inner)
{
    public int? Line { get; } = line;
}
