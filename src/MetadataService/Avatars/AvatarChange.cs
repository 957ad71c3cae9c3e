using AdapterPipeline.MetadataService.Outbox;

namespace AdapterPipeline.MetadataService.Avatars;

/// <summary>A committed change of an avatar's stream: the read model before, the events decided, the read model after.</summary>
/// <param name="Committed">The read model after the commit; null while the stream has no event it folds.</param>
public sealed record AvatarChange<TState>(TState Before, IReadOnlyList<object> Events, TState? Committed) where TState : class;

/// <summary>Work around a decision, all under the avatar's write lock.</summary>
/// <param name="Prepare">Before the first decision, e.g. copying the bytes a recorded file must have.</param>
/// <param name="Undo">The decision rejected or the commit failed: undo <paramref name="Prepare"/>, given the state last read.</param>
/// <param name="AfterCommit">After the commit, e.g. rewriting an S3 object from the committed state, in commit order.</param>
/// <param name="Messages">The messages that follow from the decided events: committed with them, delivered after (<see cref="MessageOutbox"/>).</param>
/// <param name="FollowUp">
/// The message the service sends itself to finish <paramref name="AfterCommit"/>'s work from the committed state; null
/// when the decided events leave nothing to finish. Committed with the events and discarded once AfterCommit is done;
/// sent at once when AfterCommit fails transiently, and by the outbox relay when the process dies before it is done.
/// </param>
public sealed record AvatarEffects<TState>(
    Func<CancellationToken, Task>? Prepare = null,
    Func<TState, Task>? Undo = null,
    Func<AvatarChange<TState>, CancellationToken, Task>? AfterCommit = null,
    Func<IReadOnlyList<object>, IEnumerable<OutgoingMessage>>? Messages = null,
    Func<IReadOnlyList<object>, object?>? FollowUp = null) where TState : class;
