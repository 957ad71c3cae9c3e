namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>The event types a webhook carries in its <c>type</c> field and a subscription can filter on.</summary>
public static class WebhookEventTypes
{
    /// <summary>A create job succeeded: the avatar has an (untrained) adapter.</summary>
    public const string AdapterCreated = "adapter.created";

    /// <summary>A train job succeeded: a new adapter version is current.</summary>
    public const string TrainingSucceeded = "adapter.training.succeeded";

    /// <summary>A train or create job failed.</summary>
    public const string TrainingFailed = "adapter.training.failed";

    /// <summary>A train or create job was cancelled.</summary>
    public const string TrainingCancelled = "adapter.training.cancelled";

    /// <summary>The adapter and its backups were deleted.</summary>
    public const string AdapterDeleted = "adapter.deleted";

    /// <summary>Every event type, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<string> All = [AdapterCreated, TrainingSucceeded, TrainingFailed, TrainingCancelled, AdapterDeleted];

    /// <summary>True for a type this system sends.</summary>
    public static bool IsKnown(string? type) => type is not null && All.Contains(type);
}
