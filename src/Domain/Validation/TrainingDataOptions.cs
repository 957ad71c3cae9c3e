using System.ComponentModel.DataAnnotations;

namespace AdapterPipeline.Domain.Validation;

/// <summary>Limits for training files, bound from the <c>TrainingData</c> section (e.g. <c>TrainingData__MaxFileBytes</c>).</summary>
public sealed class TrainingDataOptions
{
    public const string Section = "TrainingData";

    /// <summary>Largest accepted file. At most 5 GiB, the largest object S3 copies in one request.</summary>
    [Range(1, 5L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>The most parts (files) one multipart upload request may carry.</summary>
    [Range(1, 10_000)]
    public int MaxFilesPerUpload { get; set; } = 100;

    /// <summary>
    /// The largest multipart upload body, all files together; at least <see cref="MaxFileBytes"/> (checked at start-up).
    /// Larger sets of files go in several requests, or through presigned uploads.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadRequestBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// File extension (with the dot, case-insensitive) to the content types a client may declare for it; the first
    /// is the one the file is stored with. Null keeps <see cref="DefaultAllowedTypes"/>; a configured section
    /// replaces the defaults as a whole. The defaults are exactly what the trainer reads: a file it could not read,
    /// flagged for training, would fail every training of its avatar.
    /// </summary>
    public Dictionary<string, string[]>? AllowedTypes { get; set; }

    /// <summary>How long a presigned download URL stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a presigned upload URL stays valid: short, since whoever holds the URL can write the staged object
    /// until it expires. At most 7 days, the longest S3 signs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the ingress waits for the metadata service to answer before it gives up with 504.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MetadataRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Page size of the list endpoint when the client names none.</summary>
    [Range(1, MaxPageSize)]
    public int DefaultPageSize { get; set; } = 100;

    public const int MaxPageSize = 1000;

    public static readonly IReadOnlyDictionary<string, string[]> DefaultAllowedTypes = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = ["text/plain"],
        [".text"] = ["text/plain"],
        [".md"] = ["text/markdown", "text/x-markdown", "text/plain"],
        [".markdown"] = ["text/markdown", "text/x-markdown", "text/plain"],
        [".json"] = ["application/json", "text/json", "text/plain"],
        [".jsonl"] = ["application/jsonl", "application/x-ndjson", "application/jsonlines", "application/x-jsonlines", "text/plain"],
    };

    public IReadOnlyDictionary<string, string[]> EffectiveAllowedTypes =>
        AllowedTypes is { Count: > 0 }
            ? new Dictionary<string, string[]>(AllowedTypes, StringComparer.OrdinalIgnoreCase)
            : DefaultAllowedTypes;
}
