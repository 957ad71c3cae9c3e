using AdapterPipeline.Contracts.Diagnostics;
using AdapterPipeline.ServiceDefaults;
using MassTransit;

namespace AdapterPipeline.Diagnostics;

/// <summary>Service-specific detail for ping answers (e.g. the training device).</summary>
public interface IPingDetail
{
    string? Describe();
}

/// <summary>Answers <see cref="PingRequested"/> for the running service.</summary>
public sealed class PingResponder(ServiceIdentity identity, IEnumerable<IPingDetail> details) : IConsumer<PingRequested>
{
    public Task Consume(ConsumeContext<PingRequested> context)
    {
        var detail = string.Join("; ", details.Select(d => d.Describe()).Where(d => !string.IsNullOrEmpty(d)));
        return context.Publish(new PingAnswered(
            context.Message.PingId, identity.Name, identity.Instance, detail.Length == 0 ? null : detail, DateTimeOffset.UtcNow));
    }
}

public static class PingResponderRegistration
{
    /// <summary>
    /// Every instance gets its own auto-deleted queue, so a ping reaches each running instance and pings sent while
    /// nothing runs do not pile up.
    /// </summary>
    public static void AddPingResponder(this IBusRegistrationConfigurator x, string serviceName) =>
        x.AddConsumer<PingResponder>().Endpoint(e =>
        {
            e.Name = $"{serviceName}-ping";
            e.InstanceId = Guid.NewGuid().ToString("N")[..8];
            e.Temporary = true;
        });
}
