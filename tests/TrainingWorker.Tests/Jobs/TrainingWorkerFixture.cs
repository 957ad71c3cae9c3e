using System.Collections.Concurrent;
using System.Text;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.ServiceDefaults.Messaging;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using AdapterPipeline.TrainingWorker.Jobs;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

/// <summary>
/// The real training worker on an isolated vhost and bucket, plus a client bus standing in for the training saga:
/// it sends StartTraining to the worker's queue, publishes cancels, and records every job event.
/// </summary>
public sealed class TrainingWorkerFixture : IAsyncLifetime
{
    public const string Corpus = "The cat sat on the mat and looked at the hat. The dog ran to the log and sat in the fog. ";

    /// <summary>A short heartbeat interval, so that even a job of a second or two shows one; a checkpoint every step.</summary>
    private static readonly Dictionary<string, string?> WorkerSettings = new()
    {
        ["Training:HeartbeatInterval"] = "00:00:00.25",
        ["Training:Checkpoints:EverySteps"] = "1",
    };

    private readonly ConcurrentDictionary<string, Lazy<Task<StartTraining>>> scenarios = new();
    private IHost client = null!;

    public IsolatedInfrastructure Infrastructure { get; } = new();

    public IHost Worker { get; set; } = null!;

    public ObjectStore Store { get; private set; } = null!;

    public JobEvents Events => client.Services.GetRequiredService<JobEvents>();

    public IBus Bus => client.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Store = Infrastructure.CreateObjectStore();
        client = await StartClientAsync();
        Worker = await StartWorkerAsync();
    }

    public async Task DisposeAsync()
    {
        await Worker.StopAsync();
        Worker.Dispose();
        await client.StopAsync();
        client.Dispose();
        await Infrastructure.DisposeAsync();
    }

    /// <summary>
    /// Starts a worker (with <paramref name="settings"/> over the fixture's) and returns once its queues are bound,
    /// so nothing sent afterwards is lost.
    /// </summary>
    public Task<IHost> StartWorkerAsync(IReadOnlyDictionary<string, string?>? settings = null) => ServiceHost.StartAsync(Infrastructure, b =>
    {
        b.AddTrainingWorker();
        b.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
    }, WorkerSettings.Concat(settings ?? new Dictionary<string, string?>()).ToDictionary());

    private async Task<IHost> StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(Infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        builder.Services.AddSingleton<JobEvents>();
        builder.AddMessaging(x =>
        {
            x.AddConsumer<JobEventCollector>();
            x.AddConsumer<JobStatusResponder>();
        });
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Runs a scenario once for all the tests of a class that assert on it; returns its job.</summary>
    public Task<StartTraining> OnceAsync(string name, Func<Task<StartTraining>> scenario) =>
        scenarios.GetOrAdd(name, _ => new Lazy<Task<StartTraining>>(scenario)).Value;

    /// <summary>Uploads a training file under the avatar's training data and describes it as the job snapshot would.</summary>
    public async Task<FileForTraining> UploadTrainingFileAsync(string fileName, string content)
    {
        var key = StorageKeys.TrainingFile("user-1", "avatar-1", fileName);
        var stored = await Store.UploadAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(content)), "text/plain", CancellationToken.None);
        return new FileForTraining(fileName, key, stored.SizeBytes, stored.Sha256);
    }

    public static StartTraining Job(string kind, TrainingHyperparameters hyperparameters, params FileForTraining[] files)
    {
        var jobId = Guid.NewGuid();
        return new StartTraining(jobId, kind, "user-1", "avatar-1", "persona", hyperparameters, files);
    }

    /// <summary>The job's staging folder, where the worker leaves the adapter files.</summary>
    public static string Staging(StartTraining job) => StorageKeys.JobStaging(job.UserId, job.AvatarId, job.JobId);

    /// <summary>Sends the job to the training queue by name, as the saga does.</summary>
    public async Task SendAsync(StartTraining job)
    {
        var endpoint = await Bus.GetSendEndpoint(new Uri($"queue:{StartTrainingConsumer.QueueName}"));
        await endpoint.Send(job);
    }

    public async Task<IReadOnlyList<string>> StagedFilesAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var obj in Store.ListAsync(prefix, CancellationToken.None))
        {
            names.Add(obj.Key[prefix.Length..]);
        }
        return names.Order(StringComparer.Ordinal).ToList();
    }
}

/// <summary>Every job event the client bus received, in arrival order.</summary>
public sealed class JobEvents
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ConcurrentQueue<(Guid JobId, object Event)> received = new();
    private readonly ConcurrentDictionary<Guid, string> states = new();
    private readonly ConcurrentQueue<Guid> asked = new();
    private readonly ConcurrentDictionary<Guid, byte> seenMessages = new();

    /// <summary>From now on the stand-in metadata service answers that the job is in <paramref name="state"/>.</summary>
    public void Mark(Guid jobId, string state) => states[jobId] = state;

    /// <summary>The job's state as the stand-in metadata service answers it: queued until a test says otherwise.</summary>
    public string State(Guid jobId) => states.GetValueOrDefault(jobId, TrainingJobStates.Queued);

    /// <summary>Jobs a worker asked about, in order.</summary>
    public IReadOnlyList<Guid> Asked => asked.ToList();

    public void AddAsked(Guid jobId) => asked.Enqueue(jobId);

    /// <summary>
    /// Records an event once per message id: the bus delivers at least once (a publish whose confirm was lost is sent
    /// again with the same id), and the system's consumers are idempotent by message id, as this record is.
    /// </summary>
    public void Add(Guid jobId, Guid? messageId, object message)
    {
        if (messageId is null || seenMessages.TryAdd(messageId.Value, 0))
        {
            received.Enqueue((jobId, message));
        }
    }

    public IReadOnlyList<object> For(Guid jobId) => received.Where(e => e.JobId == jobId).Select(e => e.Event).ToList();

    public IReadOnlyList<T> Of<T>(Guid jobId) => For(jobId).OfType<T>().ToList();

    /// <summary>Waits for the first <typeparamref name="T"/> of the job (matching <paramref name="match"/>).</summary>
    public async Task<T> WaitForAsync<T>(Guid jobId, Func<T, bool>? match = null, TimeSpan? timeout = null) =>
        (await Eventually.Until(() => Task.FromResult(Of<T>(jobId).FirstOrDefault(e => match?.Invoke(e) ?? true)), found => found is not null,
            timeout ?? Patience, $"a {typeof(T).Name} for job {jobId}", _ => Seen(jobId)))!;

    /// <summary>Waits for the job's ending event, then a moment more so that anything published wrongly after it shows up.</summary>
    public async Task<object> WaitForEndAsync(Guid jobId)
    {
        var end = await Eventually.Until(() => Task.FromResult(For(jobId).FirstOrDefault(e => e is AdapterTrained or TrainingFailed or TrainingCancelled)),
            found => found is not null, Patience, $"the end of job {jobId}", _ => Seen(jobId));
        await Task.Delay(300);
        return end!;
    }

    public string Seen(Guid jobId) =>
        $"[{string.Join(", ", For(jobId).Select(e => e is TrainingStarted s ? $"{nameof(TrainingStarted)} (attempt {s.Attempt})" : e.GetType().Name))}]";
}

public sealed class JobEventCollector(JobEvents events) :
    IConsumer<TrainingStarted>,
    IConsumer<TrainingProgressed>,
    IConsumer<TrainingResumed>,
    IConsumer<TrainingHeartbeat>,
    IConsumer<AdapterTrained>,
    IConsumer<TrainingFailed>,
    IConsumer<TrainingCancelled>
{
    public Task Consume(ConsumeContext<TrainingStarted> context) => Add(context.Message.JobId, context.MessageId, context.Message);

    public Task Consume(ConsumeContext<TrainingProgressed> context) => Add(context.Message.JobId, context.MessageId, context.Message);

    public Task Consume(ConsumeContext<TrainingResumed> context) => Add(context.Message.JobId, context.MessageId, context.Message);

    public Task Consume(ConsumeContext<TrainingHeartbeat> context) => Add(context.Message.JobId, context.MessageId, context.Message);

    public Task Consume(ConsumeContext<AdapterTrained> context) => Add(context.Message.JobId, context.MessageId, context.Message);

    public Task Consume(ConsumeContext<TrainingFailed> context) => Add(context.Message.JobId, context.MessageId, context.Message);

    public Task Consume(ConsumeContext<TrainingCancelled> context) => Add(context.Message.JobId, context.MessageId, context.Message);

    private Task Add(Guid jobId, Guid? messageId, object message)
    {
        events.Add(jobId, messageId, message);
        return Task.CompletedTask;
    }
}

/// <summary>The metadata service's answer to a worker asking whether a job is live: ended jobs as marked, others running.</summary>
public sealed class JobStatusResponder(JobEvents events) : IConsumer<GetTrainingJob>
{
    public Task Consume(ConsumeContext<GetTrainingJob> context)
    {
        var jobId = context.Message.JobId;
        events.AddAsked(jobId);
        var state = events.State(jobId);
        var now = DateTimeOffset.UtcNow;
        return context.RespondAsync(new TrainingJobStatus(jobId, TrainingJobKind.Train, "user-1", "avatar-1", "persona", state, 0, null, null, null,
            null, null, null, null, null, null, [], new TrainingHyperparameters(), now, now, now, null));
    }
}
