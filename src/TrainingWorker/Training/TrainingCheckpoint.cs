using System.Text.Json;
using AdapterPipeline.LanguageModels.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// Where a run stands between optimizer steps: everything the rest of the run depends on besides the tensors
/// (adapter weights, the best epoch's copy, AdamW's moments and the random generator's state), which
/// <see cref="TrainingCheckpoint"/> stores beside it. The data order is not stored: it is replayed from the seed.
/// </summary>
internal sealed class RunState
{
    public int Step { get; set; }

    /// <summary>The epoch in progress (0-based) and the first batch of it not yet trained on.</summary>
    public int Epoch { get; set; }

    public int NextBatch { get; set; }

    public long Tokens { get; set; }

    public double ComputeSeconds { get; set; }

    public double WallSeconds { get; set; }

    public double EpochLoss { get; set; }

    public long EpochTargets { get; set; }

    public double? EvalLoss { get; set; }

    public bool StoppedEarly { get; set; }

    public List<LossPoint> LossCurve { get; set; } = [];

    public List<LossPoint> EvalLosses { get; set; } = [];

    public List<EpochMetrics> Epochs { get; set; } = [];

    public EpochMetrics? BestEpoch { get; set; }

    /// <summary>What the run was planned on; a checkpoint of another plan (other data or settings) is not resumed.</summary>
    public string Plan { get; set; } = "";
}

/// <summary>
/// One checkpoint file: a header (the <see cref="RunState"/> as JSON), then the random generator's state, the
/// adapter's parameters, the best epoch's copy when kept, and the optimizer's state, in torch's tensor format.
/// </summary>
internal static class TrainingCheckpoint
{
    private const string Magic = "adapter-pipeline-training-checkpoint-1";

    public static void Write(string path, RunState state, LoraAdapter adapter, AdapterSnapshot? best, TorchSharp.Modules.AdamW optimizer)
    {
        var partial = path + ".partial";
        using (var writer = new BinaryWriter(File.Create(partial)))
        {
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(state));
            using (var rng = torch.random.get_rng_state())
            {
                rng.Save(writer);
            }
            foreach (var parameter in adapter.Parameters)
            {
                parameter.Save(writer);
            }
            writer.Write(best is not null);
            foreach (var copy in best?.Copies ?? [])
            {
                copy.Save(writer);
            }
            optimizer.save_state_dict(writer);
        }
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>
    /// Puts the checkpoint's tensors into <paramref name="adapter"/>, <paramref name="optimizer"/> and the random
    /// generator and returns its state, or returns null (changing nothing) when it was written for another plan.
    /// </summary>
    public static (RunState State, AdapterSnapshot? Best)? Read(string path, string plan, LoraAdapter adapter, TorchSharp.Modules.AdamW optimizer)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != Magic)
        {
            return null;
        }
        var state = JsonSerializer.Deserialize<RunState>(reader.ReadString())!;
        if (state.Plan != plan)
        {
            return null;
        }
        using var _ = no_grad();
        using (var rng = Tensor.Load(reader))
        {
            torch.random.set_rng_state(rng);
        }
        foreach (var parameter in adapter.Parameters)
        {
            using var stored = Tensor.Load(reader);
            parameter.copy_(stored);
        }
        var best = reader.ReadBoolean() ? AdapterSnapshot.Load(reader, adapter) : null;
        optimizer.load_state_dict(reader);
        return (state, best);
    }
}
