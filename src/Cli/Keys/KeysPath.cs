namespace AdapterPipeline.Cli.Keys;

internal static class KeysPath
{
    /// <summary>The admin API for keys; only a service key that is not read-only may call it.</summary>
    public const string Root = "admin/api-keys";
}
