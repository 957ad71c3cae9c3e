using System.Text.Json;

namespace AdapterPipeline.Cli.Chat;

/// <summary>A whole streamed answer, as <c>--json</c> prints it.</summary>
public sealed record ChatAnswer(string Model, string Content, string? FinishReason, JsonElement? Usage);
