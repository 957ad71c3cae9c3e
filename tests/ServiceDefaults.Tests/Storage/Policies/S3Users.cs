namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

/// <summary>The MinIO users, named after the services that use S3; the webhook service has none.</summary>
public static class S3Users
{
    public const string Ingress = "ingress";
    public const string MetadataService = "metadata-service";
    public const string TrainingWorker = "training-worker";
    public const string PackagingWorker = "packaging-worker";
    public const string InferenceWorker = "inference-worker";

    public static readonly IReadOnlyList<string> All = [Ingress, MetadataService, TrainingWorker, PackagingWorker, InferenceWorker];
}
