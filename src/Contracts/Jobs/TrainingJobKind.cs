namespace AdapterPipeline.Contracts.Jobs;

/// <summary>What a job produces.</summary>
public static class TrainingJobKind
{
    /// <summary>A trained adapter from the avatar's flagged files.</summary>
    public const string Train = "train";

    /// <summary>An untrained adapter (LoRA B = 0), for avatars that have none.</summary>
    public const string Create = "create";
}
