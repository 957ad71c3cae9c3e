namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// Command: train a new version of the avatar's adapter on the files currently flagged for training (snapshotted
/// with their SHA-256 when the job is accepted). Answered with <see cref="Jobs.TrainingJobAccepted"/> or
/// <see cref="Requests.RequestRejected"/> when sent as a request; published, it has the same effect.
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Hyperparameters">Training settings; nulls take the defaults.</param>
/// <param name="AdapterName">Name of the adapter (defaults to <c>default</c>, or the avatar's existing adapter).</param>
/// <param name="WebhookUrl">Also notify this URL when the job ends (in addition to the user's subscriptions).</param>
/// <param name="IdempotencyKey">Repeating a command with the same key (per avatar) replays the first job instead of starting another.</param>
/// <param name="ActedBy">Who asked: an API key id or a token subject, never a secret; recorded with the events it appends. Null (a system publishing on the bus): recorded as <c>bus</c>.</param>
public sealed record TrainAdapter(
    string UserId,
    string AvatarId,
    TrainingHyperparameters Hyperparameters,
    string? AdapterName = null,
    string? WebhookUrl = null,
    string? IdempotencyKey = null,
    string? ActedBy = null);
