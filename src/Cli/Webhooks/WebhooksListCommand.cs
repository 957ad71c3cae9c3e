using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;

namespace AdapterPipeline.Cli.Webhooks;

public sealed class WebhooksListCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<UserSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, UserSettings settings, CancellationToken ct) =>
        api.GetAsync($"{settings.Webhooks}/subscriptions", ct);

    protected override void Show(JsonElement answer, UserSettings settings)
    {
        var table = Render.Table("subscription", "url", "events", "enabled", "created");
        foreach (var s in Render.Items(answer, "subscriptions"))
        {
            var events = string.Join(", ", Render.Items(s, "events").Select(e => e.GetString()));
            table.AddRow(
                Render.Text(s, "subscription_id"), Render.Text(s, "url"), Markup.Escape(events),
                s.GetProperty("enabled").GetBoolean() ? "yes" : $"[red]no[/] {Render.Text(s, "disabled_reason")}",
                Render.Text(s, "created_at"));
        }
        Out.Write(table);
    }
}
