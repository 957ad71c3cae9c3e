namespace AdapterPipeline.MetadataService.Outbox;

/// <summary>Bound from the <c>Outbox</c> section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often the relay looks for committed messages that were not delivered.</summary>
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A stored message younger than this is left to the change that stored it.</summary>
    public TimeSpan RelayDelay { get; set; } = TimeSpan.FromSeconds(10);
}
