namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>
/// The staged input cannot be packaged (a file is missing, the manifest is unreadable, the version belongs to another
/// job). Retrying does not help, so the job fails at once. The message goes into <c>PackagingFailed</c> and the logs:
/// it names files and versions, never user ids, keys or file contents.
/// </summary>
public class PackagingInputException(string message) : Exception(message);

/// <summary>A staged file is not there (never written, or removed by an earlier delivery that finished the job).</summary>
public sealed class StagedFileMissingException(string fileName) : PackagingInputException($"Staged file {fileName} is missing.");
