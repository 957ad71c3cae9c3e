using System.ComponentModel;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Login;

public sealed class LoginSettings : GlobalSettings
{
    [CommandOption("--url <URL>")]
    [Description("The Ingress, e.g. http://127.0.0.1:8080.")]
    public string? Url { get; init; }

    [CommandOption("--key <KEY>")]
    [Description("The API key, sent as 'Authorization: Bearer <key>'.")]
    public string? Key { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Url) || !Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error("--url must be an absolute http(s) URL");
        }
        return string.IsNullOrWhiteSpace(Key) ? ValidationResult.Error("--key is required") : ValidationResult.Success();
    }
}

/// <summary>Stores the URL and key in the user's config folder, readable by the user only.</summary>
public sealed class LoginCommand(Terminal terminal, CliEnvironment environment) : Command<LoginSettings>
{
    public override int Execute(CommandContext context, LoginSettings settings, CancellationToken cancellationToken)
    {
        new CliConfig(settings.Url!.TrimEnd('/'), settings.Key).Save(environment);
        if (settings.Json)
        {
            terminal.WriteRaw(System.Text.Json.JsonSerializer.Serialize(new { url = settings.Url!.TrimEnd('/'), config_file = environment.ConfigFile }));
        }
        else
        {
            terminal.Out.MarkupLineInterpolated($"Logged in to [bold]{settings.Url}[/]; key stored in {environment.ConfigFile} (mode 0600).");
        }
        return ExitCodes.Ok;
    }
}
