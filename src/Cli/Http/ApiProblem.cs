using System.Text.Json;

namespace AdapterPipeline.Cli.Http;

/// <summary>
/// A refusal from the API: its RFC 7807 problem details (title, detail, field errors), or OpenAI's error shape on the
/// <c>/v1</c> routes, and status, which decide what apctl prints and its exit code.
/// </summary>
public sealed class ApiProblem(int status, string title, string? detail, IReadOnlyDictionary<string, string[]> errors)
    : Exception(title)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>
    /// Reads a problem-details body or an OpenAI error (<c>{"error":{"message","param","code"}}</c>: the message as the
    /// title, the param as the field with the code); any other body still gives a problem with the status and reason phrase.
    /// </summary>
    public static ApiProblem From(int status, string? reason, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return FromOpenAiError(status, reason, error);
            }
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : reason ?? $"HTTP {status}";
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var errors = new Dictionary<string, string[]>();
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in e.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(m => m.ToString()).ToArray()
                        : [field.Value.ToString()];
                }
            }
            return new ApiProblem(status, title, detail, errors);
        }
        catch (JsonException)
        {
            return new ApiProblem(status, reason ?? $"HTTP {status}", string.IsNullOrWhiteSpace(body) ? null : body.Trim(), new Dictionary<string, string[]>());
        }
    }

    private static ApiProblem FromOpenAiError(int status, string? reason, JsonElement error)
    {
        string? Text(string name) => error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var message = Text("message") ?? reason ?? $"HTTP {status}";
        var errors = new Dictionary<string, string[]>();
        if (Text("param") is { } param)
        {
            errors[param] = [Text("code") ?? "invalid"];
        }
        return new ApiProblem(status, message, null, errors);
    }
}
