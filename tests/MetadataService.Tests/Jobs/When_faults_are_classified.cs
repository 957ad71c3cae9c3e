using System.Net;
using System.Net.Sockets;
using AdapterPipeline.ServiceDefaults.Resilience;
using Amazon.S3;
using Marten.Exceptions;
using Npgsql;

namespace AdapterPipeline.MetadataService.Tests.Jobs;

/// <summary>What the saga and job consumers retry, and what fails at once.</summary>
public class When_faults_are_classified
{
    [Theory]
    [InlineData("57P03")] // the database system is starting up / not yet accepting connections
    [InlineData("53300")] // too many connections
    [InlineData("40001")] // serialization failure
    public void Should_retry_a_passing_postgres_error(string sqlState) =>
        Assert.True(TransientFaults.IsTransient(new PostgresException("x", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void Should_retry_a_refused_connection_even_wrapped_by_marten() =>
        Assert.True(TransientFaults.IsTransient(new MartenCommandException(new Npgsql.NpgsqlCommand("select 1"),
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)))));

    [Fact]
    public void Should_retry_an_unreachable_or_failing_s3() =>
        Assert.True(TransientFaults.IsTransient(new HttpRequestException("reset", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))))
            && TransientFaults.IsTransient(new AmazonS3Exception("slow down") { StatusCode = HttpStatusCode.ServiceUnavailable }));

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("42P01")] // undefined table
    public void Should_not_retry_a_permanent_postgres_error(string sqlState) =>
        Assert.False(TransientFaults.IsTransient(new PostgresException("x", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void Should_not_retry_a_refusal_or_a_bug() =>
        Assert.False(TransientFaults.IsTransient(new AmazonS3Exception("denied") { StatusCode = HttpStatusCode.Forbidden })
            || TransientFaults.IsTransient(new InvalidOperationException("bug"))
            || TransientFaults.IsTransient(new ArgumentException("bad data")));
}
