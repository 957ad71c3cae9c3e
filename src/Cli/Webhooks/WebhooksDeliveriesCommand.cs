using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Webhooks;

public sealed class WebhooksDeliveriesSettings : UserSettings
{
    [CommandOption("--limit <N>")]
    [Description("At most this many deliveries (1-100).")]
    public int Limit { get; init; } = 20;

    [CommandOption("--cursor <CURSOR>")]
    [Description("The next_cursor of the previous page.")]
    public string? Cursor { get; init; }
}

public sealed class WebhooksDeliveriesCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<WebhooksDeliveriesSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, WebhooksDeliveriesSettings settings, CancellationToken ct) =>
        api.GetAsync($"{settings.Webhooks}/deliveries?limit={settings.Limit}" + (settings.Cursor is null ? "" : $"&cursor={Uri.EscapeDataString(settings.Cursor)}"), ct);

    protected override void Show(JsonElement answer, WebhooksDeliveriesSettings settings)
    {
        var table = Render.Table("delivery", "event", "state", "attempts", "last status", "created");
        foreach (var d in Render.Items(answer, "deliveries"))
        {
            var attempts = Render.Items(d, "attempts").ToList();
            var last = attempts.Count == 0 ? "" : Render.Text(attempts[^1], "status_code") is { Length: > 0 } code ? code : Render.Text(attempts[^1], "error");
            table.AddRow(
                Render.Text(d, "delivery_id"), Render.Text(d, "event_type"), Render.Text(d, "state"),
                attempts.Count.ToString(), last, Render.Text(d, "created_at"));
        }
        Out.Write(table);
        var next = Render.Text(answer, "next_cursor");
        if (next.Length > 0)
        {
            Out.MarkupLine($"[grey]more: --cursor {next}[/]");
        }
    }
}
