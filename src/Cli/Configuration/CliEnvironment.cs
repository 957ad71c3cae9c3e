namespace AdapterPipeline.Cli.Configuration;

/// <summary>The process environment apctl reads (variables and home folder), replaceable so tests need not touch the real one.</summary>
public sealed record CliEnvironment(Func<string, string?> Variable, string Home)
{
    public static CliEnvironment FromProcess() =>
        new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public static CliEnvironment From(IReadOnlyDictionary<string, string?> variables, string home) =>
        new(name => variables.GetValueOrDefault(name), home);

    /// <summary><c>$XDG_CONFIG_HOME/apctl/config.json</c>, else <c>~/.config/apctl/config.json</c>.</summary>
    public string ConfigFile
    {
        get
        {
            var root = Variable("XDG_CONFIG_HOME");
            var folder = string.IsNullOrWhiteSpace(root) ? Path.Combine(Home, ".config") : root;
            return Path.Combine(folder, "apctl", "config.json");
        }
    }
}
