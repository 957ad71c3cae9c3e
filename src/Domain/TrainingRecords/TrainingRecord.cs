namespace AdapterPipeline.Domain.TrainingRecords;

/// <summary>One record of a <c>.jsonl</c> or <c>.json</c> training file: a <c>"text"</c>, or chat <c>"messages"</c>.</summary>
public sealed record TrainingRecord(string? Text, IReadOnlyList<TrainingRecordMessage>? Messages);

/// <summary>A chat message; <c>weight</c> 0 leaves an assistant reply out of the loss (OpenAI's fine-tuning format).</summary>
public sealed record TrainingRecordMessage(string Role, string Content, int? Weight);
