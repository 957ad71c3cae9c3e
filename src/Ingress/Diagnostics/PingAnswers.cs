using System.Collections.Concurrent;
using System.Threading.Channels;
using AdapterPipeline.Contracts.Diagnostics;

namespace AdapterPipeline.Ingress.Diagnostics;

/// <summary>Routes <see cref="PingAnswered"/> messages to the request that is waiting for them.</summary>
public sealed class PingAnswers
{
    private readonly ConcurrentDictionary<Guid, Channel<PingAnswered>> waiting = new();

    public ChannelReader<PingAnswered> Listen(Guid pingId) =>
        waiting.GetOrAdd(pingId, _ => Channel.CreateUnbounded<PingAnswered>()).Reader;

    public void Forget(Guid pingId) => waiting.TryRemove(pingId, out _);

    public void Deliver(PingAnswered answer)
    {
        if (waiting.TryGetValue(answer.PingId, out var channel))
        {
            channel.Writer.TryWrite(answer);
        }
    }
}
