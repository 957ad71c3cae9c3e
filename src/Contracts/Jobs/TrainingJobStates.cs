namespace AdapterPipeline.Contracts.Jobs;

/// <summary>The states a job moves through; the last three are final.</summary>
public static class TrainingJobStates
{
    /// <summary>Accepted, waiting for a training worker.</summary>
    public const string Queued = "queued";
    /// <summary>A worker is training.</summary>
    public const string Running = "running";
    /// <summary>Trained; the ZIP is being built.</summary>
    public const string Packaging = "packaging";
    /// <summary>The new version is recorded and current.</summary>
    public const string Succeeded = "succeeded";
    /// <summary>Ended without a new version; see the error.</summary>
    public const string Failed = "failed";
    /// <summary>Stopped on request.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>True for succeeded, failed and cancelled.</summary>
    public static bool IsFinal(string state) => state is Succeeded or Failed or Cancelled;
}
