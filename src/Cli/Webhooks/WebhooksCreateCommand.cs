using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Webhooks;

public sealed class WebhooksCreateSettings : UserSettings
{
    [CommandArgument(1, "<url>")]
    [Description("The callback URL (absolute http or https).")]
    public string Url { get; init; } = "";

    [CommandOption("-e|--event <TYPE>")]
    [Description("An event type to send (repeatable; default: all).")]
    public string[] Events { get; init; } = [];

    [CommandOption("--description <TEXT>")]
    public string? Description { get; init; }
}

public sealed class WebhooksCreateCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<WebhooksCreateSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, WebhooksCreateSettings settings, CancellationToken ct) =>
        api.PostAsync($"{settings.Webhooks}/subscriptions",
            new { url = settings.Url, events = settings.Events.Length == 0 ? null : settings.Events, description = settings.Description }, ct);

    protected override void Show(JsonElement answer, WebhooksCreateSettings settings)
    {
        Out.MarkupLine($"Subscription [bold]{Render.Text(answer, "subscription_id")}[/] sends to {Render.Text(answer, "url")}.");
        Out.MarkupLine($"Signing secret (shown only now): [yellow]{Render.Text(answer, "secret")}[/]");
    }
}
