namespace AdapterPipeline.MetadataService.Outbox;

/// <summary>A saga whose transitions queue their messages on the instance, for the repository to commit with its state.</summary>
public interface IOutboxSaga
{
    /// <summary>The messages of the transition being handled, in order; never persisted on the saga document itself.</summary>
    List<OutgoingMessage> Outgoing { get; }
}
