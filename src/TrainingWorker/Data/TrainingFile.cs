namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// One file of training data. The extension of <see cref="Name"/> picks the format: .txt/.md plain text,
/// .jsonl/.json records with "text" or chat "messages".
/// </summary>
public sealed record TrainingFile(string Name, Func<Stream> OpenRead)
{
    public static TrainingFile FromPath(string path, string? name = null) =>
        new(name ?? Path.GetFileName(path), () => File.OpenRead(path));
}
