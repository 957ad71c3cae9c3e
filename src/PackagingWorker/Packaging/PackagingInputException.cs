namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>
/// The staged input cannot be packaged (a file is missing, the manifest is unreadable, the version belongs to another
/// job). Retrying does not help, so the job fails at once. The message goes into <c>PackagingFailed</c> and the logs:
/// it names files and versions, never user ids, keys or file contents.
/// </summary>
public sealed class PackagingInputException(string message) : Exception(message);
