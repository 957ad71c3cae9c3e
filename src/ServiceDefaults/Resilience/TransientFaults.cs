using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using MassTransit;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace AdapterPipeline.ServiceDefaults.Resilience;

/// <summary>
/// The one place that tells a fault which passes (PostgreSQL restarting or refusing connections, S3 unreachable or
/// overloaded, the broker gone for a moment) from a permanent one (bad data, a refusal, a bug), which asking again
/// cannot mend. Retry filters and retry loops ask it, so the two kinds are never mixed up.
/// </summary>
public static class TransientFaults
{
    /// <summary>True when <paramref name="ex"/>, or an exception it wraps, is a fault that passes by itself.</summary>
    public static bool IsTransient(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // IsTransient covers 57P03 (not yet accepting connections), 53xxx (out of resources), 08xxx
                // (connection lost), serialization failures and deadlocks, and a connection that could not be opened.
                case NpgsqlException npgsql when npgsql.IsTransient:
                case AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests }:
                case SocketException:
                case HttpRequestException:
                case TimeoutException:
                case RabbitMqConnectionException:
                case BrokerUnreachableException:
                case OperationInterruptedException:
                case RequestTimeoutException:
                    return true;
                case AmazonServiceException { StatusCode: not 0 }:
                case NpgsqlException { InnerException: null }:
                    return false;
            }
        }
        return false;
    }

    /// <summary>An S3 fault in a line for a failure reason: its status or why S3 was unreachable, never a key or URL.</summary>
    public static string DescribeS3(Exception ex)
    {
        if (ex is AmazonServiceException { StatusCode: not 0 } service)
        {
            return $"S3 answered {(int)service.StatusCode} {service.ErrorCode}";
        }
        var innermost = ex;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }
        return innermost switch
        {
            SocketException socket => $"S3 unreachable ({socket.SocketErrorCode})",
            TimeoutException or OperationCanceledException => "S3 did not answer in time",
            _ => $"S3 unreachable ({innermost.GetType().Name})",
        };
    }
}
