using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Generation;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Tokenization;
using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// Replies of the base model and of the adapter to up to <see cref="Count"/> user turns, taken from held-out
/// conversations (training ones when nothing is held out): the conversation up to and including its first user
/// turn, rendered with the generation prompt. Plain-text data gets continuations of its first tokens instead.
/// </summary>
public static class SampleReplies
{
    public const int Count = 3;
    public const int NewTokens = 32;
    private const int TextPromptTokens = 32;

    public static List<SampleCompletion> Generate(
        BaseModel baseModel, LoraAdapter adapter, IConversationFormatter formatter, TrainingDataset data, CancellationToken ct)
    {
        var tokenizer = baseModel.Tokenizer;
        var documents = data.EvalDocuments.Count > 0 ? data.EvalDocuments : data.TrainDocuments;
        var room = baseModel.Config.MaxPositions - NewTokens;
        var prompts = documents.Select(d => Prompt(d, formatter, tokenizer)).OfType<(string Shown, IReadOnlyList<int> Tokens)>()
            .Where(p => p.Tokens.Count is > 0 && p.Tokens.Count <= room)
            .Take(Count)
            .ToList();
        return prompts.Select(prompt =>
        {
            ct.ThrowIfCancellationRequested();
            var eos = tokenizer.EndOfSequenceId;
            var before = Decoding.Continue(baseModel.Model, null, prompt.Tokens, NewTokens, eos);
            var after = Decoding.Continue(baseModel.Model, adapter, prompt.Tokens, NewTokens, eos);
            return new SampleCompletion(prompt.Shown, tokenizer.Decode(before), tokenizer.Decode(after));
        }).ToList();
    }

    private static (string Shown, IReadOnlyList<int> Tokens)? Prompt(TrainingDocument document, IConversationFormatter formatter, TextTokenizer tokenizer)
    {
        if (document.Turns is { } turns)
        {
            var user = turns.ToList().FindIndex(t => t.Role == ChatTurn.User);
            return user < 0 ? null : (turns[user].Content, tokenizer.Encode(formatter.Render(turns.Take(user + 1).ToList(), addGenerationPrompt: true)));
        }
        var tokens = tokenizer.Encode(document.Text!);
        var prompt = tokens.Take(Math.Min(TextPromptTokens, Math.Max(1, tokens.Count / 2))).ToList();
        return (tokenizer.Decode(prompt), prompt);
    }
}
