using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// Keeps webhooks away from the service's own network: a callback URL must be absolute http(s) and its host must
/// resolve only to addresses the configuration allows. Checked when a subscription is made and again on every
/// connection (see <see cref="WebhookHttpClient"/>), since DNS answers can change between the two.
/// </summary>
public sealed class WebhookUrlGuard(IOptionsMonitor<WebhookOptions> options)
{
    public const int MaxUrlLength = 2048;

    /// <summary>What an address is, as far as calling it goes.</summary>
    public enum AddressKind { Public, Loopback, PrivateNetwork, LinkLocal, Unspecified, Reserved }

    /// <summary>Why <paramref name="url"/> is not a callback URL at all (before any DNS); null when it is one.</summary>
    public static string? SyntaxProblem(string? url, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "is required";
        }
        if (url.Length > MaxUrlLength)
        {
            return $"must be at most {MaxUrlLength} characters";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            return "must not contain user name or password";
        }
        uri = parsed;
        return null;
    }

    /// <summary>Why this system must not connect to <paramref name="address"/>; null when it may.</summary>
    public string? AddressProblem(IPAddress address)
    {
        var o = options.CurrentValue;
        return Classify(address) switch
        {
            AddressKind.Public => null,
            AddressKind.Loopback when o.AllowLoopback => null,
            AddressKind.PrivateNetwork when o.AllowPrivateNetworks => null,
            AddressKind.Loopback => $"resolves to a loopback address ({address})",
            AddressKind.PrivateNetwork => $"resolves to a private network address ({address})",
            AddressKind.LinkLocal => $"resolves to a link-local address ({address})",
            AddressKind.Unspecified => $"resolves to an unspecified address ({address})",
            _ => $"resolves to a reserved or multicast address ({address})",
        };
    }

    /// <summary>
    /// Why <paramref name="url"/> must not be subscribed: its syntax, a host that does not resolve, or any address
    /// it resolves to that <see cref="AddressProblem"/> refuses. Null when it may be called.
    /// </summary>
    public async Task<string?> UrlProblemAsync(string? url, CancellationToken ct)
    {
        if (SyntaxProblem(url, out var uri) is { } syntax)
        {
            return syntax;
        }
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri!.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"host '{uri!.Host}' does not resolve";
        }
        if (addresses.Length == 0)
        {
            return $"host '{uri!.Host}' does not resolve";
        }
        return addresses.Select(AddressProblem).FirstOrDefault(p => p is not null);
    }

    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    public static AddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => AddressKind.Unspecified,
                127 => AddressKind.Loopback,
                10 => AddressKind.PrivateNetwork,
                172 when b[1] is >= 16 and <= 31 => AddressKind.PrivateNetwork,
                192 when b[1] == 168 => AddressKind.PrivateNetwork,
                100 when b[1] is >= 64 and <= 127 => AddressKind.PrivateNetwork,
                169 when b[1] == 254 => AddressKind.LinkLocal,
                >= 224 => AddressKind.Reserved,
                _ => AddressKind.Public,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                return AddressKind.Unspecified;
            }
            if (address.Equals(IPAddress.IPv6Loopback))
            {
                return AddressKind.Loopback;
            }
            var b = address.GetAddressBytes();
            if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            {
                // IPv4-compatible (::a.b.c.d): judged by the IPv4 address it carries.
                return Classify(new IPAddress(b.AsSpan(12)));
            }
            return b[0] switch
            {
                0xfe when (b[1] & 0xc0) == 0x80 => AddressKind.LinkLocal,
                0xfe when (b[1] & 0xc0) == 0xc0 => AddressKind.PrivateNetwork,
                _ when (b[0] & 0xfe) == 0xfc => AddressKind.PrivateNetwork,
                0xff => AddressKind.Reserved,
                _ => AddressKind.Public,
            };
        }
        return AddressKind.Reserved;
    }
}
