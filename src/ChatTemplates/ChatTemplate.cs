using System.Collections;
using System.Text.Json;
using AdapterPipeline.ChatTemplates.Jinja;

namespace AdapterPipeline.ChatTemplates;

/// <summary>
/// A model's Jinja chat template (the <c>chat_template</c> of its <c>tokenizer_config.json</c>), parsed once and rendered
/// per conversation. Whitespace follows @huggingface/jinja, the reference it is tested against byte for byte:
/// <c>trim_blocks</c> and <c>lstrip_blocks</c> on and one trailing newline of the template dropped, as in transformers.
/// </summary>
public sealed class ChatTemplate
{
    private readonly IReadOnlyList<Node> body;
    private readonly SourceMap map;

    private ChatTemplate(IReadOnlyList<Node> body, SourceMap map)
    {
        this.body = body;
        this.map = map;
    }

    /// <summary>Parses a template; an unsupported construct is a <see cref="ChatTemplateException"/> naming it with its line and column.</summary>
    public static ChatTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (nodes, map) = Parser.Parse(source);
        return new ChatTemplate(nodes, map);
    }

    /// <summary>
    /// Renders a conversation. <paramref name="extra"/> holds the other variables templates read (<c>bos_token</c>,
    /// <c>eos_token</c>, <c>tools</c>, <c>enable_thinking</c>, …) as strings, numbers, booleans, lists, dictionaries or
    /// <see cref="JsonElement"/>s. A template that refuses the conversation (<c>raise_exception</c>) throws
    /// <see cref="ChatTemplateException"/> with the template's message.
    /// </summary>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var scope = new Scope(Builtins.Globals());
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>()) scope.Set(name, ToRuntime(value));
        scope.Set("messages", messages.Select(m => (object?)ToRuntime(m)).ToList());
        scope.Set("add_generation_prompt", addGenerationPrompt);
        return new Interpreter(map).Render(body, scope);
    }

    private static Dictionary<string, object?> ToRuntime(ChatMessage message)
    {
        var result = new Dictionary<string, object?> { ["role"] = message.Role, ["content"] = message.Content };
        if (message.Name is not null) result["name"] = message.Name;
        return result;
    }

    private static object? ToRuntime(object? value) => value switch
    {
        null or string or bool or long or double => value,
        int or short or byte => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        float f => (double)f,
        ChatMessage message => ToRuntime(message),
        JsonElement json => FromJson(json),
        IDictionary dict => dict.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => ToRuntime(dict[k])),
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs.ToDictionary(p => p.Key, p => ToRuntime(p.Value)),
        IEnumerable items => items.Cast<object?>().Select(ToRuntime).ToList(),
        _ => throw new ArgumentException($"a chat template cannot read a {value.GetType().Name}", nameof(value)),
    };

    private static object? FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => json.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Number => json.TryGetInt64(out var l) ? l : json.GetDouble(),
        JsonValueKind.Array => json.EnumerateArray().Select(FromJson).ToList(),
        _ => json.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
    };
}
