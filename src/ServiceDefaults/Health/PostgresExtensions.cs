using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AdapterPipeline.ServiceDefaults.Health;

public static class PostgresExtensions
{
    public const string ConnectionName = "Postgres";

    /// <summary>One pooled <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:Postgres</c>, with its readiness check.</summary>
    public static IHostApplicationBuilder AddPostgres(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(
            sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured (environment variable ConnectionStrings__{ConnectionName}).")));
        builder.Services.AddHealthChecks().AddNpgSql(name: "postgres", tags: [HealthTags.Ready]);
        return builder;
    }
}
