using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using Spectre.Console;

namespace AdapterPipeline.Cli.Output;

/// <summary>
/// A command that deletes one thing by id (<c>DELETE</c> on its path, answered with no body) and says so: with --json
/// <c>{"&lt;id_property&gt;": id, "&lt;past&gt;": true}</c>, else "&lt;Past&gt; &lt;noun&gt; &lt;id&gt;.".
/// </summary>
public abstract class DeleteCommand<TSettings>(Terminal terminal, CliEnvironment environment) : ApiCommand<TSettings>(terminal, environment)
    where TSettings : GlobalSettings
{
    /// <param name="Past">The verb in the past tense, as the JSON flag: "deleted", "revoked".</param>
    protected sealed record Deletion(string Path, string Noun, string IdProperty, string Id, string Past);

    protected abstract Deletion Describe(TSettings settings);

    protected sealed override async Task<JsonElement> CallAsync(ApiClient api, TSettings settings, CancellationToken ct)
    {
        var deletion = Describe(settings);
        await api.DeleteAsync(deletion.Path, ct);
        var answer = new Dictionary<string, object> { [deletion.IdProperty] = deletion.Id, [deletion.Past] = true };
        return JsonSerializer.SerializeToElement(answer);
    }

    protected sealed override void Show(JsonElement answer, TSettings settings)
    {
        var deletion = Describe(settings);
        Out.MarkupLineInterpolated($"{char.ToUpperInvariant(deletion.Past[0])}{deletion.Past[1..]} {deletion.Noun} {deletion.Id}.");
    }
}
