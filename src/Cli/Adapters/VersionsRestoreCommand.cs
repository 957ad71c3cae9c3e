using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Adapters;

public sealed class VersionsRestoreSettings : AvatarSettings
{
    [CommandArgument(2, "<version>")]
    [Description("The version to make current again.")]
    public int Version { get; init; }
}

public sealed class VersionsRestoreCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<VersionsRestoreSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, VersionsRestoreSettings settings, CancellationToken ct) =>
        api.PostAsync($"{settings.Adapters}/versions/{settings.Version}/restore", null, ct);

    protected override void Show(JsonElement answer, VersionsRestoreSettings settings) =>
        Out.MarkupLine($"Version {Render.Text(answer, "current_version")} of {Render.Text(answer, "adapter_name")} is current.");
}
