using System.Text.Json;

namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>Turns training files into documents (one string each): a whole text file, or one per JSON record.</summary>
public static class TrainingTextReader
{
    public static IReadOnlyList<string> Read(IReadOnlyList<TrainingFile> files)
    {
        if (files.Count == 0)
        {
            throw new TrainingDataException("No training files were given.");
        }
        var documents = new List<string>();
        foreach (var file in files)
        {
            documents.AddRange(ReadFile(file).Where(d => !string.IsNullOrWhiteSpace(d)));
        }
        if (documents.Count == 0)
        {
            throw new TrainingDataException($"The training files ({string.Join(", ", files.Select(f => f.Name))}) contain no text.");
        }
        return documents;
    }

    private static IEnumerable<string> ReadFile(TrainingFile file)
    {
        var extension = Path.GetExtension(file.Name).ToLowerInvariant();
        string content;
        try
        {
            using var reader = new StreamReader(file.OpenRead(), detectEncodingFromByteOrderMarks: true);
            content = reader.ReadToEnd();
        }
        catch (IOException ex)
        {
            throw new TrainingDataException($"{file.Name} cannot be read: {ex.Message}", ex);
        }
        return extension switch
        {
            ".txt" or ".md" => [content],
            ".jsonl" => ReadJsonLines(file.Name, content),
            ".json" => ReadJson(file.Name, content),
            _ => throw new TrainingDataException($"{file.Name}: unsupported file type '{extension}'; use .txt, .md, .jsonl or .json."),
        };
    }

    private static List<string> ReadJsonLines(string name, string content)
    {
        var documents = new List<string>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }
            documents.Add(ParseRecord($"{name} line {i + 1}", lines[i]));
        }
        return documents;
    }

    private static List<string> ReadJson(string name, string content)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content);
        }
        catch (JsonException ex)
        {
            throw new TrainingDataException($"{name} is not valid JSON: {ex.Message}", ex);
        }
        using (json)
        {
            return json.RootElement.ValueKind == JsonValueKind.Array
                ? json.RootElement.EnumerateArray().Select((e, i) => RecordText($"{name} item {i}", e)).ToList()
                : [RecordText(name, json.RootElement)];
        }
    }

    private static string ParseRecord(string where, string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return RecordText(where, json.RootElement);
        }
        catch (JsonException ex)
        {
            throw new TrainingDataException($"{where} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string RecordText(string where, JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new TrainingDataException($"{where}: expected an object with \"text\" or \"messages\".");
        }
        if (record.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            return text.GetString()!;
        }
        if (record.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            return ChatTemplate.Render(messages.EnumerateArray().Select(m => Message(where, m)));
        }
        throw new TrainingDataException($"{where}: expected a string \"text\" or an array \"messages\".");
    }

    private static ChatMessage Message(string where, JsonElement message)
    {
        if (message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String
            && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            return new ChatMessage(role.GetString()!, content.GetString()!);
        }
        throw new TrainingDataException($"{where}: every message needs string \"role\" and \"content\".");
    }
}
