using System.Collections.Concurrent;
using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.PackagingWorker.Tests.Packaging;

/// <summary>
/// The real packaging worker on an isolated slice of RabbitMQ and S3, and a second bus client in the same virtual host
/// that publishes <see cref="PackageAdapter"/> and collects what the worker answers.
/// </summary>
public class PackagingWorkerSystem : IAsyncLifetime
{
    public IsolatedInfrastructure Infrastructure { get; } = new();
    public ObjectStore Store { get; private set; } = null!;
    public PackagingOutcomes Outcomes { get; } = new();
    private IHost worker = null!;
    private IHost client = null!;

    /// <summary>Settings the worker (not the test's own bus client) gets on top of the slice's.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? WorkerSettings => null;

    public virtual async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Store = Infrastructure.CreateObjectStore();
        worker = await ServiceHost.StartAsync(Infrastructure, b =>
        {
            b.AddPackagingWorker();
            WaitUntilBound(b);
        }, WorkerSettings);
        client = await ServiceHost.StartAsync(Infrastructure, b =>
        {
            b.Services.AddSingleton(Outcomes);
            b.AddMessaging(x => x.AddConsumer<PackagingOutcomesConsumer>());
            WaitUntilBound(b);
        });
    }

    /// <summary>Start-up returns once the queues are bound, so a message published next is not lost.</summary>
    private static void WaitUntilBound(HostApplicationBuilder builder) =>
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);

    public virtual async Task DisposeAsync()
    {
        foreach (var host in new[] { client, worker })
        {
            await host.StopAsync();
            host.Dispose();
        }
        await Infrastructure.DisposeAsync();
    }

    /// <summary>A job for a fresh user and avatar, staged where a training worker would stage it.</summary>
    public static PackageAdapter NewJob(string adapterName = "support-voice", int version = 1)
    {
        var userId = "u-" + Guid.NewGuid().ToString("N")[..10];
        var avatarId = "a_" + Guid.NewGuid().ToString("N")[..10];
        var jobId = Guid.NewGuid();
        return new PackageAdapter(jobId, userId, avatarId, adapterName, version);
    }

    /// <summary>The job's staging folder, where a training worker leaves its files.</summary>
    public static string Staging(PackageAdapter job) => StorageKeys.JobStaging(job.UserId, job.AvatarId, job.JobId);

    public Task PublishAsync(PackageAdapter message) => client.Services.GetRequiredService<IBus>().Publish(message);

    public async Task<List<string>> KeysUnderAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var obj in Store.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(obj.Key);
        }
        return keys;
    }

    /// <summary>
    /// The keys under <paramref name="prefix"/> once none are left (failing after ten seconds): the worker removes
    /// staging after it has published <c>AdapterPackaged</c>, so a test sees the event first.
    /// </summary>
    public Task<List<string>> KeysLeftUnderAsync(string prefix) =>
        Eventually.Until(() => KeysUnderAsync(prefix), keys => keys.Count == 0, TimeSpan.FromSeconds(10),
            $"the removal of every key under {prefix}", keys => string.Join(", ", keys));

    public async Task<byte[]> DownloadAsync(string key)
    {
        using var response = await Store.GetAsync(key, CancellationToken.None) ?? throw new InvalidOperationException("No such object.");
        using var content = new MemoryStream();
        await response.ResponseStream.CopyToAsync(content);
        return content.ToArray();
    }
}

/// <summary>What the packaging worker published, by job.</summary>
public sealed class PackagingOutcomes
{
    private readonly ConcurrentQueue<(Guid JobId, object Message)> received = new();

    public void Add(Guid jobId, object message) => received.Enqueue((jobId, message));

    public IReadOnlyList<object> For(Guid jobId) => received.Where(r => r.JobId == jobId).Select(r => r.Message).ToList();

    /// <summary>Waits until <paramref name="count"/> messages of type <typeparamref name="T"/> arrived for the job.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(Guid jobId, int count = 1, int timeoutSeconds = 60) =>
        await Eventually.Until(() => Task.FromResult(For(jobId).OfType<T>().ToList()), matches => matches.Count >= count,
            TimeSpan.FromSeconds(timeoutSeconds), $"{count} {typeof(T).Name} for the job", _ => string.Join(", ", For(jobId)));
}

public sealed class PackagingOutcomesConsumer(PackagingOutcomes outcomes) : IConsumer<AdapterPackaged>, IConsumer<PackagingFailed>
{
    public Task Consume(ConsumeContext<AdapterPackaged> context)
    {
        outcomes.Add(context.Message.JobId, context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<PackagingFailed> context)
    {
        outcomes.Add(context.Message.JobId, context.Message);
        return Task.CompletedTask;
    }
}
