namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>The training data cannot be used: an unknown format, malformed records, or too little text to train on.</summary>
/// <param name="File">The file at fault; null when the data as a whole is unusable.</param>
/// <param name="Line">1-based line of the problem in <paramref name="File"/>, when known.</param>
public sealed class TrainingDataException(string message, Exception? inner = null, string? file = null, int? line = null) : Exception(message, inner)
{
    public string? File => file;

    public int? Line => line;
}
