namespace AdapterPipeline.Contracts.Requests;

/// <summary>The values of <see cref="RequestRejected.Reason"/>.</summary>
public static class RejectionReasons
{
    /// <summary>The message breaks a rule of its fields (ids, names, paging); see <see cref="RequestRejected.Errors"/>.</summary>
    public const string Invalid = "invalid";

    /// <summary>The values are well-formed but the service will not act on them (an adapter's name or training settings).</summary>
    public const string Unprocessable = "unprocessable";

    /// <summary>The file, adapter, version, job, subscription or delivery named does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>The object to record is missing from S3 or differs from what the message says.</summary>
    public const string SourceMismatch = "source_mismatch";

    /// <summary>Nothing is flagged for training.</summary>
    public const string NoTrainingFiles = "no_training_files";

    /// <summary>The avatar already has a job in progress; see <see cref="RequestRejected.RunningJobId"/>.</summary>
    public const string JobRunning = "job_running";

    /// <summary>The request contradicts the current state, e.g. cancelling a job that already ended.</summary>
    public const string Conflict = "conflict";

    /// <summary>The callback URL is not one this system will call.</summary>
    public const string UrlRefused = "url_refused";

    /// <summary>Carrying out the request would exceed one of the user's quotas; see <see cref="RequestRejected.Quota"/>.</summary>
    public const string QuotaExceeded = "quota_exceeded";
}
