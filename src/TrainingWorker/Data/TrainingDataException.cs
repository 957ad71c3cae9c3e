namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>The training data cannot be used: an unknown format, malformed records, or too little text to train on.</summary>
public sealed class TrainingDataException(string message, Exception? inner = null) : Exception(message, inner);
