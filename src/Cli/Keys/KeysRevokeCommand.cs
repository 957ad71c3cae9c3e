using System.ComponentModel;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Output;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Keys;

public sealed class KeysRevokeSettings : GlobalSettings
{
    [CommandArgument(0, "<key_id>")]
    [Description("The key's id (the part after ap_live_, as `keys ls` shows it).")]
    public string KeyId { get; init; } = "";
}

public sealed class KeysRevokeCommand(Terminal terminal, CliEnvironment environment) : DeleteCommand<KeysRevokeSettings>(terminal, environment)
{
    protected override Deletion Describe(KeysRevokeSettings settings) =>
        new($"{KeysPath.Root}/{Uri.EscapeDataString(settings.KeyId)}", "key", "key_id", settings.KeyId, "revoked");
}
