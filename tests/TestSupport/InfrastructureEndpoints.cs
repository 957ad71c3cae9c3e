namespace AdapterPipeline.TestSupport;

/// <summary>Where the real PostgreSQL, RabbitMQ and S3 server answer.</summary>
public sealed record InfrastructureEndpoints(
    string PostgresConnectionString,
    string RabbitHost,
    int RabbitPort,
    string RabbitUsername,
    string RabbitPassword,
    Uri RabbitManagementUrl,
    string S3ServiceUrl,
    string S3AccessKey,
    string S3SecretKey);
