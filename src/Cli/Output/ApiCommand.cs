using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Output;

/// <summary>
/// A command that calls the API once and shows the answer: as the raw JSON with --json, else as <see cref="Show"/>
/// renders it. Refusals are thrown and printed in one place (<see cref="ApctlApp"/>).
/// </summary>
public abstract class ApiCommand<TSettings>(Terminal terminal, CliEnvironment environment) : AsyncCommand<TSettings>
    where TSettings : GlobalSettings
{
    protected Terminal Terminal { get; } = terminal;

    protected IAnsiConsole Out => Terminal.Out;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        using var api = ApiClient.For(environment);
        return await RunAsync(api, settings, cancellationToken);
    }

    protected virtual async Task<int> RunAsync(ApiClient api, TSettings settings, CancellationToken ct)
    {
        var answer = await CallAsync(api, settings, ct);
        if (settings.Json)
        {
            Terminal.WriteRaw(answer.GetRawText());
        }
        else
        {
            Show(answer, settings);
        }
        return ExitCodes.Ok;
    }

    protected virtual Task<JsonElement> CallAsync(ApiClient api, TSettings settings, CancellationToken ct) =>
        throw new NotSupportedException();

    protected virtual void Show(JsonElement answer, TSettings settings) => Out.WriteLine(answer.GetRawText());
}
