using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.MetadataService.Adapters;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// init_from_version: the version must exist for the avatar, and training continues it only on the same base model,
/// rank and target modules. Those left out of the request are taken from the version (from the settings its job was
/// submitted with); those given must match it. The training worker checks the stored adapter again when it loads it.
/// </summary>
public static class InitFromVersion
{
    public static (TrainingHyperparameters Settings, string[] Errors) Apply(
        TrainingHyperparameters requested, AvatarAdapter? adapter, TrainingHyperparameters? versionSettings)
    {
        if (requested.InitFromVersion is not { } number)
        {
            return (requested, []);
        }
        if (adapter?.Versions.Find(v => v.Version == number) is not { } version)
        {
            return (requested, [$"version {number} does not exist for this avatar"]);
        }
        var problems = new List<string>();
        if (requested.BaseModel is { } baseModel && baseModel != version.BaseModel)
        {
            problems.Add($"base model '{version.BaseModel}', not '{baseModel}'");
        }
        if (requested.LoraR is { } r && versionSettings?.LoraR is { } versionR && r != versionR)
        {
            problems.Add($"lora_r {versionR}, not {r}");
        }
        if (requested.TargetModules is { } targets && versionSettings?.TargetModules is { } versionTargets
            && !targets.Order(StringComparer.Ordinal).SequenceEqual(versionTargets.Order(StringComparer.Ordinal)))
        {
            problems.Add($"target_modules [{string.Join(", ", versionTargets)}], not [{string.Join(", ", targets)}]");
        }
        if (problems.Count > 0)
        {
            return (requested, [$"version {number} was trained with {string.Join(", ", problems)}; use the same or leave them out"]);
        }
        return (requested with
        {
            BaseModel = version.BaseModel,
            LoraR = requested.LoraR ?? versionSettings?.LoraR,
            TargetModules = requested.TargetModules ?? versionSettings?.TargetModules,
        }, []);
    }
}
