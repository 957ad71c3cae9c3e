using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AdapterPipeline.Ingress.Inference;

/// <summary>
/// Rendezvous hashing: every worker is scored by a hash of (key, worker) and the workers are tried best first, so
/// every Ingress sends an avatar to the same worker (the one that already holds its adapter), and a worker that
/// leaves moves only its own avatars.
/// </summary>
public static class WorkerRouting
{
    public static IReadOnlyList<string> Order(string key, IReadOnlyList<string> workers) =>
        workers.OrderByDescending(w => Score(key, w)).ThenBy(w => w, StringComparer.Ordinal).ToList();

    private static ulong Score(string key, string worker) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{worker}")));
}
