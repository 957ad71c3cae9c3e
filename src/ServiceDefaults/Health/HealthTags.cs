namespace AdapterPipeline.ServiceDefaults.Health;

public static class HealthTags
{
    /// <summary>The process is up; failing it means "restart me".</summary>
    public const string Live = "live";

    /// <summary>The dependencies answer; failing it means "send me no traffic".</summary>
    public const string Ready = "ready";
}
