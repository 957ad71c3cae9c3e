using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>Checkpoint tensors by Hugging Face name, read on demand.</summary>
public interface ICheckpointTensors
{
    bool Contains(string name);

    /// <summary>The tensor on the CPU in its stored dtype.</summary>
    Tensor Read(string name);

    /// <summary>Whether each <see cref="Read"/> makes a new tensor the caller disposes (true for files, false for tensors already in memory).</summary>
    bool ReadsAreCopies { get; }
}

/// <summary>Tensors already in memory, e.g. weights a test merged by hand; they stay the caller's.</summary>
public sealed class InMemoryCheckpoint(IReadOnlyDictionary<string, Tensor> tensors) : ICheckpointTensors
{
    public bool Contains(string name) => tensors.ContainsKey(name);

    public Tensor Read(string name) => tensors[name];

    public bool ReadsAreCopies => false;
}
