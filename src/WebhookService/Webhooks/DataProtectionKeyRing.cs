using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>One Data Protection key (its XML, which Data Protection writes and never changes), a Marten document.</summary>
public sealed record DataProtectionKeyDocument
{
    public string Id { get; init; } = "";
    public string Xml { get; init; } = "";
}

/// <summary>
/// The Data Protection key ring in the service's own PostgreSQL schema, so every instance encrypts and decrypts with
/// the same keys and they survive restarts. Data Protection calls it synchronously, rarely (start-up and key rolls),
/// and Marten's session API is asynchronous only, hence the blocking waits.
/// </summary>
public sealed class DataProtectionKeyRing(IDocumentStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = store.QuerySession();
        var keys = session.Query<DataProtectionKeyDocument>().ToListAsync().GetAwaiter().GetResult();
        return keys.Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new DataProtectionKeyDocument { Id = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }
}
