namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// Command: make sure the avatar has an adapter; creates an untrained one (LoRA B = 0, so it behaves exactly as
/// the base model), packaged and backed up, when it has none. Answered with <see cref="AdapterCreationAccepted"/>
/// or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="AdapterName">Name of the adapter; defaults to <c>default</c>.</param>
/// <param name="BaseModel">Base model the adapter is for; defaults to <c>tiny-llama</c>.</param>
/// <param name="ActedBy">Who asked: an API key id or a token subject, never a secret; recorded with the events it appends. Null (a system publishing on the bus): recorded as <c>bus</c>.</param>
public sealed record CreateAdapter(string UserId, string AvatarId, string? AdapterName = null, string? BaseModel = null, string? ActedBy = null);
