using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Keys;

public sealed class KeysCreateSettings : GlobalSettings
{
    [CommandOption("--user <USER>")]
    [Description("Bind the key to one user id (default: a service key that may act for any user).")]
    public string? User { get; init; }

    [CommandOption("--read-only")]
    [Description("The key may only read.")]
    public bool ReadOnly { get; init; }

    [CommandOption("--expires-in-days <DAYS>")]
    [Description("Days until the key expires (default: never).")]
    public int? ExpiresInDays { get; init; }
}

public sealed class KeysCreateCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<KeysCreateSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, KeysCreateSettings settings, CancellationToken ct) =>
        api.PostAsync(KeysPath.Root, new { user_id = settings.User, read_only = settings.ReadOnly, expires_in_days = settings.ExpiresInDays }, ct);

    protected override void Show(JsonElement answer, KeysCreateSettings settings)
    {
        Out.MarkupLine($"Key [bold]{Render.Text(answer, "key_id")}[/] for {(settings.User is null ? "the service" : Markup.Escape(settings.User))}.");
        Out.MarkupLine($"API key (shown only now): [yellow]{Render.Text(answer, "api_key")}[/]");
    }
}
