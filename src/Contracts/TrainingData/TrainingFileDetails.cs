namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>One training file of an avatar as the metadata service has recorded it.</summary>
/// <param name="FileName">The file's name, unique within the avatar, e.g. <c>notes.txt</c>.</param>
/// <param name="SizeBytes">Size of the stored object in bytes.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the stored bytes.</param>
/// <param name="ContentType">The content type the file is stored and served with.</param>
/// <param name="UseForTraining">Whether training runs include this file.</param>
/// <param name="UploadedAt">When the current content was recorded (a replacement resets it).</param>
public sealed record TrainingFileDetails(
    string FileName,
    long SizeBytes,
    string Sha256,
    string ContentType,
    bool UseForTraining,
    DateTimeOffset UploadedAt)
{
    /// <summary>Whether training runs hold this file out whole as evaluation data (instead of the automatic split).</summary>
    public bool UseForEval { get; init; }
}
