using AdapterPipeline.Domain.Validation;

namespace AdapterPipeline.MetadataService.Adapters;

public static class AdapterNames
{
    /// <summary>Folder names beside adapters under <c>…/adapters/</c>; an adapter may not take them.</summary>
    private static readonly HashSet<string> Reserved = ["training_data", "metadata", "staging"];

    public static ValidationErrors Check(string userId, string avatarId, string? adapterName)
    {
        var errors = InputRules.CheckAvatar(userId, avatarId);
        if (adapterName is not null)
        {
            errors.AddIf("adapter_name", InputRules.IdProblem(adapterName)
                ?? (Reserved.Contains(adapterName) ? $"'{adapterName}' is reserved" : null));
        }
        return errors;
    }
}
