using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Avatars;

public sealed class HistorySettings : AvatarSettings
{
    [CommandOption("--after-version <N>")]
    [Description("Only events after this stream version (0: from the start).")]
    public long AfterVersion { get; init; }

    [CommandOption("--limit <N>")]
    [Description("At most this many events (1-500).")]
    public int Limit { get; init; } = 100;
}

/// <summary>An avatar's event history (the API lists no avatars, so this is how an avatar is looked at).</summary>
public sealed class HistoryCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<HistorySettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, HistorySettings settings, CancellationToken ct) =>
        api.GetAsync($"avatars/{Uri.EscapeDataString(settings.User)}/{Uri.EscapeDataString(settings.Avatar)}/history?after_version={settings.AfterVersion}&limit={settings.Limit}", ct);

    protected override void Show(JsonElement answer, HistorySettings settings)
    {
        var table = Render.Table("version", "type", "timestamp");
        foreach (var e in Render.Items(answer, "events"))
        {
            table.AddRow(Render.Text(e, "version"), Render.Text(e, "type"), Render.Text(e, "timestamp"));
        }
        Out.Write(table);
        var next = Render.Text(answer, "next_after_version");
        if (next.Length > 0)
        {
            Out.MarkupLine($"[grey]more: --after-version {next}[/]");
        }
    }
}
