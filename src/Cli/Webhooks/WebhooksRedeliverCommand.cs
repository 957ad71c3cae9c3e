using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Webhooks;

public sealed class WebhooksRedeliverSettings : UserSettings
{
    [CommandArgument(1, "<delivery>")]
    [Description("The delivery id.")]
    public string Delivery { get; init; } = "";
}

public sealed class WebhooksRedeliverCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<WebhooksRedeliverSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, WebhooksRedeliverSettings settings, CancellationToken ct) =>
        api.PostAsync($"{settings.Webhooks}/deliveries/{Uri.EscapeDataString(settings.Delivery)}/redeliver", null, ct);

    protected override void Show(JsonElement answer, WebhooksRedeliverSettings settings) =>
        Out.MarkupLine($"Delivery {Render.Text(answer, "delivery_id")} is {Render.Text(answer, "state")} again.");
}
