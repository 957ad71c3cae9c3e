using AdapterPipeline.MetadataService.Outbox;
using Marten;
using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace AdapterPipeline.MetadataService.Jobs.Persistence;

/// <summary>One message's view of the saga documents, in one Marten session.</summary>
public sealed class MartenSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISaga
    where TMessage : class
{
    private readonly IDocumentSession session;
    private readonly ConsumeContext<TMessage> consumeContext;
    private readonly ISagaConsumeContextFactory<IDocumentSession, TSaga> factory;
    private readonly MessageOutbox outbox;

    public MartenSagaRepositoryContext(
        IDocumentSession session, ConsumeContext<TMessage> consumeContext, ISagaConsumeContextFactory<IDocumentSession, TSaga> factory, MessageOutbox outbox)
        : base(consumeContext)
    {
        this.session = session;
        this.consumeContext = consumeContext;
        this.factory = factory;
        this.outbox = outbox;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> context, TSaga instance, SagaConsumeContextMode mode)
        where T : class => factory.CreateSagaConsumeContext(session, context, instance, mode);

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(session, consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        session.Insert(instance);
        await session.SaveChangesAsync(CancellationToken);
        return await factory.CreateSagaConsumeContext(session, consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await session.LoadAsync<TSaga>(correlationId, CancellationToken);
        return instance is null
            ? null!
            : await factory.CreateSagaConsumeContext(session, consumeContext, instance, SagaConsumeContextMode.Load);
    }

    /// <summary>A new instance: Insert fails if another message created the same saga first, and the message is retried.</summary>
    public Task Save(SagaConsumeContext<TSaga> context)
    {
        session.Insert(context.Saga);
        return CommitAsync(context.Saga);
    }

    /// <summary>Optimistic: fails with a concurrency error when the document changed since it was loaded.</summary>
    public Task Update(SagaConsumeContext<TSaga> context)
    {
        session.Update(context.Saga);
        return CommitAsync(context.Saga);
    }

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        session.Delete(context.Saga);
        return CommitAsync(context.Saga);
    }

    /// <summary>Commits the saga's state with the messages its transition queued, then delivers them (<see cref="MessageOutbox"/>).</summary>
    private async Task CommitAsync(TSaga saga)
    {
        var staged = saga is IOutboxSaga withOutbox ? outbox.Stage(session, withOutbox.Outgoing) : [];
        await session.SaveChangesAsync(CancellationToken);
        await outbox.DispatchAsync(session, staged, consumeContext, consumeContext, CancellationToken);
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;
}

/// <summary>Reads saga documents outside a message (MassTransit's load and query repositories).</summary>
public sealed class MartenSagaQueryContext<TSaga>(IQuerySession session, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    where TSaga : class, ISaga
{
    public async Task<TSaga> Load(Guid correlationId) => (await session.LoadAsync<TSaga>(correlationId, CancellationToken))!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var instances = await session.Query<TSaga>().Where(query.FilterExpression).ToListAsync(cancellationToken);
        return new LoadedSagaRepositoryQueryContext<TSaga>(this, instances);
    }
}
