using AdapterPipeline.MetadataService;
using AdapterPipeline.TestSupport;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.MetadataService.Tests.EventStore;

public sealed class When_events_are_appended_to_an_avatar_stream(IsolatedInfrastructure infrastructure)
    : IClassFixture<IsolatedInfrastructure>, IAsyncLifetime
{
    public sealed record NoteTaken(string Text);

    private IHost host = null!;
    private IDocumentStore Store => host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync() =>
        host = await ServiceHost.StartAsync(infrastructure, b => b.AddMetadataService());

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    [Fact]
    public async Task Should_read_back_the_events_in_order()
    {
        var stream = $"avatar:u-{Guid.NewGuid():N}:a1";
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream(stream, new NoteTaken("one"), new NoteTaken("two"));
            await session.SaveChangesAsync();
        }

        await using var query = Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(stream);

        Assert.Equal(["one", "two"], events.Select(e => ((NoteTaken)e.Data).Text));
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
    }

    [Fact]
    public async Task Should_reject_an_append_at_a_stale_expected_version()
    {
        var stream = $"avatar:u-{Guid.NewGuid():N}:a1";
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream(stream, new NoteTaken("first"));
            await session.SaveChangesAsync();
        }
        await using (var writer = Store.LightweightSession())
        {
            writer.Events.Append(stream, 2, new NoteTaken("second"));
            await writer.SaveChangesAsync();
        }

        await using var stale = Store.LightweightSession();
        stale.Events.Append(stream, 2, new NoteTaken("written by a writer that read version 1"));
        await Assert.ThrowsAsync<EventStreamUnexpectedMaxEventIdException>(() => stale.SaveChangesAsync());

        await using var query = Store.QuerySession();
        var state = await query.Events.FetchStreamStateAsync(stream);
        Assert.Equal(2, state!.Version);
    }
}
