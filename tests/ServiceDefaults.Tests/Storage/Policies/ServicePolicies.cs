namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

/// <summary>The shipped MinIO policies, <c>deploy/minio/policies/&lt;service&gt;.json</c>, one per service that uses S3.</summary>
public static class ServicePolicies
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "deploy", "minio", "policies");

    public static IamPolicy Of(string service) => IamPolicy.Parse(File.ReadAllText(Path.Combine(Folder, $"{service}.json")));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdapterPipeline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No AdapterPipeline.sln above {AppContext.BaseDirectory}.");
    }
}
