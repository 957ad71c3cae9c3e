using System.Threading.Channels;
using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.LanguageModels.Generation;
using AdapterPipeline.LanguageModels.Models;

namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>
/// Runs one generation on the base model (one at a time per base, off the request thread) and hands its text to
/// <c>onText</c> piece by piece as tokens are decoded. Cancelling stops decoding before the next token.
/// </summary>
public static class TextGeneration
{
    public static async Task<GenerationResult> RunAsync(
        ServedBase served, LoraAdapter? adapter, IReadOnlyList<int> prompt, CompletionRequest request, Func<string, Task> onText, CancellationToken ct)
    {
        var model = served.Model;
        var pieces = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        await served.Gate.WaitAsync(ct);
        Task<GenerationResult> producer;
        try
        {
            producer = Task.Run(() =>
            {
                try
                {
                    var stops = new StopSequences(model.Tokenizer, request.Stop);
                    var count = 0;
                    foreach (var id in Decoding.Stream(model.Model, adapter, prompt, request.MaxTokens, model.Tokenizer.EndOfSequenceId, request.Sampling))
                    {
                        ct.ThrowIfCancellationRequested();
                        count++;
                        var (piece, stopped) = stops.Add(id);
                        Write(pieces, piece);
                        if (stopped)
                        {
                            return new GenerationResult("stop", prompt.Count, count);
                        }
                    }
                    Write(pieces, stops.Flush());
                    var full = count >= request.MaxTokens || prompt.Count + count >= model.Config.MaxContext;
                    return new GenerationResult(full ? "length" : "stop", prompt.Count, count);
                }
                finally
                {
                    pieces.Writer.Complete();
                }
            }, ct);
        }
        catch
        {
            served.Gate.Release();
            throw;
        }
        try
        {
            await foreach (var piece in pieces.Reader.ReadAllAsync(ct))
            {
                await onText(piece);
            }
            return await producer;
        }
        finally
        {
            // The model is free once the decoding loop has seen the cancellation, not before.
            await producer.ContinueWith(_ => served.Gate.Release(), TaskScheduler.Default);
        }
    }

    private static void Write(Channel<string> pieces, string piece)
    {
        if (piece.Length > 0)
        {
            pieces.Writer.TryWrite(piece);
        }
    }
}
