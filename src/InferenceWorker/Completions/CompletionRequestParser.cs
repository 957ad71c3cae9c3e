using System.Text;
using System.Text.Json;
using AdapterPipeline.ChatTemplates;
using AdapterPipeline.Domain.Inference;
using AdapterPipeline.LanguageModels.Generation;

namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>
/// Reads the OpenAI request fields this server honours; a field of the wrong type or out of range is refused naming
/// it, fields it does not know are ignored (SDKs send more than any server uses).
/// </summary>
public static class CompletionRequestParser
{
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant"];

    public static CompletionRequest Parse(JsonElement body, bool chat, int maxTokensAllowed)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw OpenAiException.Invalid("body", "The request body must be a JSON object.");
        }
        var model = String(body, "model") ?? throw OpenAiException.Invalid("model", "'model' is required.");
        var address = ModelAddress.Parse(model) ?? throw OpenAiException.ModelNotFound(model);
        var messages = chat ? Messages(body) : null;
        var prompt = chat ? null : Prompt(body);
        var maxTokens = Int(body, "max_completion_tokens") ?? Int(body, "max_tokens") ?? maxTokensAllowed;
        if (maxTokens < 1 || maxTokens > maxTokensAllowed)
        {
            var param = body.TryGetProperty("max_completion_tokens", out _) ? "max_completion_tokens" : "max_tokens";
            throw OpenAiException.Invalid(param, $"'{param}' must be between 1 and {maxTokensAllowed}.");
        }
        var temperature = Number(body, "temperature") ?? 1;
        if (temperature is < 0 or > 2)
        {
            throw OpenAiException.Invalid("temperature", "'temperature' must be between 0 and 2.");
        }
        var topP = Number(body, "top_p") ?? 1;
        if (topP is <= 0 or > 1)
        {
            throw OpenAiException.Invalid("top_p", "'top_p' must be greater than 0 and at most 1.");
        }
        var seed = Long(body, "seed") ?? Random.Shared.NextInt64();
        if ((Int(body, "n") ?? 1) != 1)
        {
            throw OpenAiException.Invalid("n", "Only n = 1 is supported.");
        }
        var stream = Bool(body, "stream") ?? false;
        var includeUsage = body.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object
            && (Bool(options, "include_usage", "stream_options.include_usage") ?? false);
        return new CompletionRequest(model, address, messages, prompt, maxTokens, new SamplingSettings(temperature, topP, seed), Stop(body),
            stream, includeUsage);
    }

    private static List<ChatMessage> Messages(JsonElement body)
    {
        if (!body.TryGetProperty("messages", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw OpenAiException.Invalid("messages", "'messages' must be a non-empty array.");
        }
        var messages = new List<ChatMessage>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var param = $"messages[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw OpenAiException.Invalid(param, "Each message must be an object.");
            }
            var role = String(item, "role", $"{param}.role");
            if (role is null || !Roles.Contains(role))
            {
                throw OpenAiException.Invalid($"{param}.role", "'role' must be system, developer, user or assistant.");
            }
            // Chat templates know "system"; OpenAI's newer "developer" role means the same.
            messages.Add(new ChatMessage(role == "developer" ? "system" : role, Content(item, $"{param}.content")));
        }
        return messages;
    }

    // A string, or content parts of which only text is understood.
    private static string Content(JsonElement message, string param)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return "";
        }
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            throw OpenAiException.Invalid(param, "'content' must be a string or an array of text parts.");
        }
        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || String(part, "type", param) != "text" || String(part, "text", param) is not { } piece)
            {
                throw OpenAiException.Invalid(param, "Only text content parts are supported.");
            }
            text.Append(piece);
        }
        return text.ToString();
    }

    private static string Prompt(JsonElement body)
    {
        if (body.TryGetProperty("prompt", out var prompt))
        {
            if (prompt.ValueKind == JsonValueKind.String)
            {
                return prompt.GetString()!;
            }
            if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() == 1 && prompt[0].ValueKind == JsonValueKind.String)
            {
                return prompt[0].GetString()!;
            }
        }
        throw OpenAiException.Invalid("prompt", "'prompt' must be a string (or an array of one string).");
    }

    private static List<string> Stop(JsonElement body)
    {
        if (!body.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        var stops = stop.ValueKind switch
        {
            JsonValueKind.String => [stop.GetString()!],
            JsonValueKind.Array when stop.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String) =>
                stop.EnumerateArray().Select(s => s.GetString()!).ToList(),
            _ => throw OpenAiException.Invalid("stop", "'stop' must be a string or an array of strings."),
        };
        return stops.Count <= 4 && stops.All(s => s.Length > 0)
            ? stops
            : throw OpenAiException.Invalid("stop", "'stop' takes up to 4 non-empty sequences.");
    }

    private static string? String(JsonElement o, string name, string? param = null) =>
        Get(o, name) is not { } v ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw OpenAiException.Invalid(param ?? name, $"'{name}' must be a string.");

    private static int? Int(JsonElement o, string name) =>
        Get(o, name) is not { } v ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : throw OpenAiException.Invalid(name, $"'{name}' must be an integer.");

    private static long? Long(JsonElement o, string name) =>
        Get(o, name) is not { } v ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i) ? i
        : throw OpenAiException.Invalid(name, $"'{name}' must be an integer.");

    private static double? Number(JsonElement o, string name) =>
        Get(o, name) is not { } v ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : throw OpenAiException.Invalid(name, $"'{name}' must be a number.");

    private static bool? Bool(JsonElement o, string name, string? param = null) =>
        Get(o, name) is not { } v ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw OpenAiException.Invalid(param ?? name, $"'{name}' must be a boolean.");

    // Absent and null mean the same: the default.
    private static JsonElement? Get(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
}
