using System.Threading.Channels;
using AdapterPipeline.LanguageModels.Generation;
using AdapterPipeline.LanguageModels.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.InferenceWorker.Serving;

/// <summary>
/// Continuous batching on one base model: requests for any adapters join the running batch between decode steps
/// (their prompt is run alone once, filling a cache that then joins the batch's), every step decodes one token for
/// every row in one forward pass with each row's own LoRA term, and a row leaves as soon as it ends (its stop token,
/// its token limit, the model's context, or its request cancelled). One thread owns the model.
/// </summary>
public sealed class BatchDecoder : IDisposable
{
    private sealed class Row(DecodeRequest request, Generator? generator)
    {
        public DecodeRequest Request { get; } = request;
        public Generator? Generator { get; } = generator;
        public int Count { get; set; }
        public int Last { get; set; }
    }

    private readonly ICausalLanguageModel model;
    private readonly IBatchedDecoding batched;
    private readonly int stopId;
    private readonly int maxRows;
    private readonly Channel<DecodeRequest> joining = Channel.CreateUnbounded<DecodeRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;

    public BatchDecoder(ICausalLanguageModel model, int stopId, int maxRows)
    {
        this.model = model;
        batched = model as IBatchedDecoding ?? throw new NotSupportedException($"{model.GetType().Name} cannot decode in batches.");
        this.stopId = stopId;
        this.maxRows = maxRows;
        thread = new Thread(Run) { IsBackground = true, Name = "batch-decoder" };
        thread.Start();
    }

    /// <summary>The new tokens of <paramref name="request"/> as they are decoded; the reader completes when the row ends.</summary>
    public ChannelReader<int> Submit(DecodeRequest request)
    {
        if (request.Sampling.Temperature < 0 || request.Sampling.TopP is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "Temperature must not be negative and top_p must be in (0, 1].");
        }
        if (!joining.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(BatchDecoder));
        }
        return request.Tokens.Reader;
    }

    private void Run()
    {
        var rows = new List<Row>();
        using var cache = new BatchKeyValueCache(model.Config.NumLayers);
        BatchedLora? lora = null;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (rows.Count == 0 && !joining.Reader.WaitToReadAsync(stopping.Token).AsTask().GetAwaiter().GetResult())
                {
                    return;
                }
                var changed = false;
                while (rows.Count < maxRows && joining.Reader.TryRead(out var request))
                {
                    if (request.Cancellation.IsCancellationRequested)
                    {
                        request.Finish();
                    }
                    else if (Prefill(request, cache) is { } row)
                    {
                        rows.Add(row);
                        changed = true;
                    }
                }
                changed |= Leave(rows, cache, rows.Select((r, i) => (r, i)).Where(x => x.r.Request.Cancellation.IsCancellationRequested).Select(x => x.i).ToList());
                if (rows.Count == 0)
                {
                    continue;
                }
                if (changed || lora is null)
                {
                    lora?.Dispose();
                    lora = new BatchedLora(rows.Select(r => r.Request.Adapter).ToList(), model.Device);
                }
                var ended = Step(rows, cache, lora);
                if (Leave(rows, cache, ended))
                {
                    lora.Dispose();
                    lora = null;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            lora?.Dispose();
            foreach (var row in rows)
            {
                row.Request.Finish();
            }
            while (joining.Reader.TryRead(out var waiting))
            {
                waiting.Finish();
            }
        }
    }

    // Runs the prompt alone with the row's own adapter, takes its first token and joins the cache to the batch's.
    private Row? Prefill(DecodeRequest request, BatchKeyValueCache batch)
    {
        var generator = request.Sampling.Temperature > 0 ? new Generator((ulong)request.Sampling.Seed, model.Device) : null;
        var row = new Row(request, generator);
        var context = model.Config.MaxContext;
        var prompt = request.Prompt.TakeLast(Math.Max(1, context - 1)).Select(id => (long)id).ToArray();
        try
        {
            using var single = new KeyValueCache(model.Config.NumLayers);
            using (no_grad())
            using (NewDisposeScope())
            {
                var logits = ((IIncrementalDecoding)model).ForwardNext(tensor(prompt, [1, prompt.Length]).to(model.Device), single, request.Adapter)[0];
                if (!Emit(row, Decoding.NextToken(logits, request.Sampling, generator), single.Length))
                {
                    return null;
                }
            }
            batch.Join(single);
            return row;
        }
        catch (Exception ex)
        {
            request.Finish(ex);
            generator?.Dispose();
            return null;
        }
    }

    // One token for every row in one forward pass; answers the rows that ended.
    private List<int> Step(List<Row> rows, BatchKeyValueCache cache, BatchedLora lora)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(rows.Select(r => (long)r.Last).ToArray(), [rows.Count, 1]).to(model.Device);
        var logits = batched.ForwardStep(input, cache, lora);
        var ended = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!Emit(rows[i], Decoding.NextToken(logits[i], rows[i].Request.Sampling, rows[i].Generator), cache.Positions[i]))
            {
                ended.Add(i);
            }
        }
        return ended;
    }

    // Hands the token on; false when the row has ended (the same rules as Decoding.Stream, so a row alone decodes the same).
    private bool Emit(Row row, int next, long positions)
    {
        var request = row.Request;
        if (next == stopId)
        {
            return End(row);
        }
        request.Tokens.Writer.TryWrite(next);
        row.Count++;
        row.Last = next;
        return row.Count < request.MaxNewTokens && positions + 1 <= model.Config.MaxContext ? true : End(row);
    }

    private static bool End(Row row)
    {
        row.Request.Finish();
        return false;
    }

    private static bool Leave(List<Row> rows, BatchKeyValueCache cache, List<int> leaving)
    {
        if (leaving.Count == 0)
        {
            return false;
        }
        cache.Leave(leaving);
        foreach (var i in leaving.OrderDescending())
        {
            rows[i].Request.Finish();
            rows[i].Generator?.Dispose();
            rows.RemoveAt(i);
        }
        return true;
    }

    public void Dispose()
    {
        joining.Writer.TryComplete();
        stopping.Cancel();
        thread.Join();
        stopping.Dispose();
    }
}

/// <summary>One request for <see cref="BatchDecoder"/>: its prompt, adapter (none for the base model), sampling and limit.</summary>
public sealed record DecodeRequest(IReadOnlyList<int> Prompt, LoraAdapter? Adapter, SamplingSettings Sampling, int MaxNewTokens, CancellationToken Cancellation)
{
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Channel<int> Tokens { get; } = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });

    /// <summary>Completes once the decoder no longer reads <see cref="Adapter"/>, so its weights may be freed.</summary>
    public Task Finished => finished.Task;

    internal void Finish(Exception? error = null)
    {
        Tokens.Writer.TryComplete(error);
        finished.TrySetResult();
    }
}
