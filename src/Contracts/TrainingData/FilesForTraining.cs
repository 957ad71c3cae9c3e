namespace AdapterPipeline.Contracts.TrainingData;

/// <summary>Answer to <see cref="GetFilesForTraining"/>.</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Files">The files flagged for training or for evaluation, ordered by name (empty when there are none).</param>
/// <param name="StreamVersion">Version of the avatar's event stream the set was read at (0: no stream yet).</param>
public sealed record FilesForTraining(string UserId, string AvatarId, IReadOnlyList<FileForTraining> Files, long StreamVersion);

/// <summary>A file a training run reads.</summary>
/// <param name="FileName">The file's name.</param>
/// <param name="Key">The object key its bytes lie under.</param>
/// <param name="SizeBytes">Size in bytes.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the bytes; a reader can verify what it downloaded.</param>
public sealed record FileForTraining(string FileName, string Key, long SizeBytes, string Sha256)
{
    /// <summary>Held out whole as evaluation data instead of the automatic split (the file's <c>use_for_eval</c> flag).</summary>
    public bool UseForEval { get; init; }
}
