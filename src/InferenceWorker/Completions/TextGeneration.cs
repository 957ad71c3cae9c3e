using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.LanguageModels.Models;

namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>
/// Runs one generation in its base model's batch and hands its text to <c>onText</c> piece by piece as tokens are
/// decoded. Ending early (a stop sequence, the client gone) takes the row out of the batch before its next step.
/// </summary>
public static class TextGeneration
{
    public static async Task<GenerationResult> RunAsync(
        ServedBase served, LoraAdapter? adapter, IReadOnlyList<int> prompt, CompletionRequest request, Func<string, Task> onText, CancellationToken ct)
    {
        var model = served.Model;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var decode = new DecodeRequest(prompt, adapter, request.Sampling, request.MaxTokens, done.Token);
        var tokens = served.Decoder.Submit(decode);
        try
        {
            var stops = new StopSequences(model.Tokenizer, request.Stop);
            var count = 0;
            await foreach (var id in tokens.ReadAllAsync(ct))
            {
                count++;
                var (piece, stopped) = stops.Add(id);
                await Send(piece);
                if (stopped)
                {
                    return new GenerationResult("stop", prompt.Count, count);
                }
            }
            await Send(stops.Flush());
            var full = count >= request.MaxTokens || prompt.Count + count >= model.Config.MaxContext;
            return new GenerationResult(full ? "length" : "stop", prompt.Count, count);
        }
        finally
        {
            // The adapter's weights must outlive the decoder's last use of them.
            await done.CancelAsync();
            await decode.Finished;
        }

        Task Send(string piece) => piece.Length > 0 ? onText(piece) : Task.CompletedTask;
    }
}
