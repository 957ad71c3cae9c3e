using AdapterPipeline.TrainingWorker.Models;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>Greedy continuation, recomputing the whole window each token: no KV cache, fine for a few short samples.</summary>
public static class GreedyDecoder
{
    public static IReadOnlyList<int> Continue(ICausalLanguageModel model, LoraAdapter? adapter, IReadOnlyList<int> prompt, int maxNewTokens, int stopId)
    {
        var ids = prompt.ToList();
        using var _ = no_grad();
        for (var i = 0; i < maxNewTokens; i++)
        {
            using var scope = NewDisposeScope();
            var window = ids.TakeLast(model.Config.MaxPositions).Select(id => (long)id).ToArray();
            var input = tensor(window, [1, window.Length]).to(model.Device);
            var next = (int)model.Forward(input, adapter, training: false)[0, -1].argmax().item<long>();
            if (next == stopId)
            {
                break;
            }
            ids.Add(next);
        }
        return ids.Skip(prompt.Count).ToList();
    }
}
