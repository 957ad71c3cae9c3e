namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>The trained adapter could not be staged in S3: a permanent refusal, or a transient fault that outlasted the patience.</summary>
public sealed class StagingUploadFailedException(string message, Exception cause) : Exception(message, cause);
