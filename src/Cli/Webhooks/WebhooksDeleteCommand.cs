using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Webhooks;

public sealed class WebhooksDeleteSettings : UserSettings
{
    [CommandArgument(1, "<subscription>")]
    [Description("The subscription id.")]
    public string Subscription { get; init; } = "";
}

public sealed class WebhooksDeleteCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<WebhooksDeleteSettings>(terminal, environment)
{
    protected override async Task<JsonElement> CallAsync(ApiClient api, WebhooksDeleteSettings settings, CancellationToken ct)
    {
        await api.DeleteAsync($"{settings.Webhooks}/subscriptions/{Uri.EscapeDataString(settings.Subscription)}", ct);
        return JsonSerializer.SerializeToElement(new { subscription_id = settings.Subscription, deleted = true });
    }

    protected override void Show(JsonElement answer, WebhooksDeleteSettings settings) =>
        Out.MarkupLineInterpolated($"Deleted subscription {settings.Subscription}.");
}
