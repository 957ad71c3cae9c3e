using AdapterPipeline.Cli;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.TestSupport;
using Spectre.Console.Testing;

namespace AdapterPipeline.Cli.Tests;

/// <summary>What one apctl run left: its exit code and what it wrote on stdout and stderr.</summary>
public sealed record ApctlRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs apctl's command app in this process, exactly as the tool's Main does, with recording consoles for stdout and
/// stderr and an environment of its own (a fresh config folder, the given variables).
/// </summary>
public sealed class Apctl : IDisposable
{
    public const string ApiKey = TestApiKeys.Bootstrap;

    private readonly Dictionary<string, string?> variables;

    public Apctl(Uri? url, string? apiKey = ApiKey)
    {
        Home = Directory.CreateTempSubdirectory("apctl-home-").FullName;
        variables = new Dictionary<string, string?>
        {
            ["APCTL_URL"] = url?.ToString(),
            ["APCTL_API_KEY"] = apiKey,
            ["XDG_CONFIG_HOME"] = Path.Combine(Home, "xdg"),
        };
    }

    public string Home { get; }

    public CliEnvironment Environment => CliEnvironment.From(variables, Home);

    public Task<ApctlRun> RunAsync(params string[] args) => RunAsync(args, "", inputIsTerminal: false);

    /// <summary>Runs apctl with <paramref name="input"/> on stdin, as typed on a terminal or redirected from a file.</summary>
    public async Task<ApctlRun> RunAsync(string[] args, string input, bool inputIsTerminal)
    {
        // Interactive, as a terminal is: progress bars and live views render as they do for a person.
        using var stdout = new TestConsole().Width(120).SupportsUnicode(true).Interactive();
        using var stderr = new TestConsole().Width(200);
        var terminal = new Terminal(stdout, stderr) { In = new StringReader(input), InputRedirected = !inputIsTerminal };
        var exit = await ApctlApp.Create(terminal, Environment).RunAsync(args);
        return new ApctlRun(exit, stdout.Output, stderr.Output);
    }

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
