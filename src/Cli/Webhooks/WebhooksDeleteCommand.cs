using System.ComponentModel;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Output;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Webhooks;

public sealed class WebhooksDeleteSettings : UserSettings
{
    [CommandArgument(1, "<subscription>")]
    [Description("The subscription id.")]
    public string Subscription { get; init; } = "";
}

public sealed class WebhooksDeleteCommand(Terminal terminal, CliEnvironment environment) : DeleteCommand<WebhooksDeleteSettings>(terminal, environment)
{
    protected override Deletion Describe(WebhooksDeleteSettings settings) =>
        new($"{settings.Webhooks}/subscriptions/{Uri.EscapeDataString(settings.Subscription)}", "subscription", "subscription_id", settings.Subscription, "deleted");
}
