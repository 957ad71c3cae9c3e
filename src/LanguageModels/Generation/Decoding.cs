using AdapterPipeline.LanguageModels.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Generation;

/// <summary>
/// How to pick each next token: <see cref="Temperature"/> 0 is greedy (argmax); otherwise the softmax at that
/// temperature, cut to the smallest set of tokens whose probability reaches <see cref="TopP"/>, is sampled with a
/// generator seeded by <see cref="Seed"/> (the same seed gives the same tokens on the CPU).
/// </summary>
public sealed record SamplingSettings(double Temperature = 0, double TopP = 1, long Seed = 0)
{
    public static SamplingSettings Greedy { get; } = new();
}

/// <summary>
/// Continues a prompt token by token with the model's key/value cache: the prompt is run once, then each new token
/// costs one position and only its logits. Generation stops at the stop token, after the requested number of tokens,
/// or when the model's context (its sliding window, if shorter) is full. Training samples and serving both decode here.
/// </summary>
public static class Decoding
{
    public static IReadOnlyList<int> Continue(
        ICausalLanguageModel model, LoraAdapter? adapter, IReadOnlyList<int> prompt, int maxNewTokens, int stopId, SamplingSettings? sampling = null) =>
        Stream(model, adapter, prompt, maxNewTokens, stopId, sampling).ToList();

    /// <summary>The new tokens one at a time, as they are decoded; stopping the enumeration stops decoding.</summary>
    public static IEnumerable<int> Stream(
        ICausalLanguageModel model, LoraAdapter? adapter, IReadOnlyList<int> prompt, int maxNewTokens, int stopId, SamplingSettings? sampling = null)
    {
        sampling ??= SamplingSettings.Greedy;
        if (sampling.Temperature < 0 || sampling.TopP is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sampling), "Temperature must not be negative and top_p must be in (0, 1].");
        }
        var decoding = model as IIncrementalDecoding
            ?? throw new NotSupportedException($"{model.GetType().Name} cannot decode incrementally.");
        return Decode(model, decoding, adapter, prompt, maxNewTokens, stopId, sampling);
    }

    private static IEnumerable<int> Decode(
        ICausalLanguageModel model, IIncrementalDecoding decoding, LoraAdapter? adapter, IReadOnlyList<int> prompt, int maxNewTokens, int stopId,
        SamplingSettings sampling)
    {
        var context = model.Config.MaxContext;
        var pending = prompt.TakeLast(Math.Max(1, context - 1)).Select(id => (long)id).ToArray();
        var count = 0;
        using var cache = new KeyValueCache(model.Config.NumLayers);
        using var generator = sampling.Temperature > 0 ? new Generator((ulong)sampling.Seed, model.Device) : null;
        while (count < maxNewTokens && cache.Length + pending.Length <= context)
        {
            var next = Step(model, decoding, adapter, cache, pending, sampling, generator);
            if (next == stopId)
            {
                yield break;
            }
            count++;
            yield return next;
            pending = [next];
        }
    }

    // One forward step in its own scopes, so nothing is held across a yield.
    private static int Step(
        ICausalLanguageModel model, IIncrementalDecoding decoding, LoraAdapter? adapter, KeyValueCache cache, long[] pending,
        SamplingSettings sampling, Generator? generator)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(pending, [1, pending.Length]).to(model.Device);
        return NextToken(decoding.ForwardNext(input, cache, adapter)[0], sampling, generator);
    }

    /// <summary>The token <paramref name="logits"/> [vocab] pick: argmax without a generator, else a seeded top-p sample.</summary>
    public static int NextToken(Tensor logits, SamplingSettings sampling, Generator? generator) =>
        generator is null ? (int)logits.argmax().item<long>() : Sample(logits, sampling, generator);

    private static int Sample(Tensor logits, SamplingSettings sampling, Generator generator)
    {
        var probabilities = (logits / sampling.Temperature).softmax(-1);
        var (sorted, order) = probabilities.sort(-1, descending: true);
        // Keep each token whose more likely predecessors have not yet reached top_p (the most likely always stays).
        var keep = (sorted.cumsum(-1) - sorted) < sampling.TopP;
        var choice = multinomial(sorted * keep, 1, generator: generator);
        return (int)order[choice[0]].item<long>();
    }
}
