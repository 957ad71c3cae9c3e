namespace AdapterPipeline.ChatTemplates.Jinja;

/// <summary>Variables visible at one point of a render; a loop iteration or macro call gets its own child scope.</summary>
internal sealed class Scope(Scope? parent = null)
{
    private readonly Dictionary<string, object?> variables = new(StringComparer.Ordinal);
    private readonly Scope? parent = parent;

    public object? Get(string name)
    {
        for (var scope = this; scope is not null; scope = scope.parent)
            if (scope.variables.TryGetValue(name, out var value)) return value;
        return Undefined.Value;
    }

    public void Set(string name, object? value) => variables[name] = value;
}
