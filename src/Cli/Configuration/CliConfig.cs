using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdapterPipeline.Cli.Configuration;

/// <summary>What <c>apctl login</c> stores: the Ingress URL and the API key.</summary>
public sealed record CliConfig(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("api_key")] string? ApiKey)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static CliConfig Load(CliEnvironment environment)
    {
        var path = environment.ConfigFile;
        var stored = File.Exists(path)
            ? JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(path)) ?? new CliConfig(null, null)
            : new CliConfig(null, null);
        return new CliConfig(
            NonEmpty(environment.Variable("APCTL_URL")) ?? stored.Url,
            NonEmpty(environment.Variable("APCTL_API_KEY")) ?? stored.ApiKey);
    }

    /// <summary>
    /// Writes the file readable by its owner only (0600, folder 0700): it holds a credential. The file is created with
    /// that mode rather than narrowed afterwards, so the key is never readable by others, even briefly. (On Windows the
    /// profile folder's ACL already keeps it private.)
    /// </summary>
    public void Save(CliEnvironment environment)
    {
        var path = environment.ConfigFile;
        var folder = Path.GetDirectoryName(path)!;
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            options.UnixCreateMode = OwnerOnly;
        }
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, this, Indented);
        }
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode only applies to a new file; a leftover .tmp keeps its mode unless narrowed.
            File.SetUnixFileMode(temporary, OwnerOnly);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
