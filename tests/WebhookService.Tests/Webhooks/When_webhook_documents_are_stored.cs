using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

/// <summary>The webhook service's tables live in its own schema, apart from the metadata service's.</summary>
[Collection(WebhookCollection.Name)]
public sealed class When_webhook_documents_are_stored(WebhookSystem system)
{
    [Theory]
    [InlineData("mt_doc_webhook_subscription")]
    [InlineData("mt_doc_webhook_delivery")]
    [InlineData("mt_doc_job_webhook_secret")]
    public async Task Should_keep_them_in_the_webhooks_schema_only(string table)
    {
        await using var command = system.Service.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select table_schema from information_schema.tables where table_name = $1");
        command.Parameters.AddWithValue(table);
        var schemas = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            schemas.Add(reader.GetString(0));
        }

        Assert.Equal(["webhooks"], schemas);
    }
}
