using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Dns;

/// <summary>
/// A minimal DNS stub client: one A or AAAA question to one server over UDP (random ID, random source port,
/// connected socket so only the server's datagrams arrive), retried over TCP when truncated or when asked.
/// Timeouts, refusals and malformed answers come back as <see cref="DnsQueryOutcome"/>s, never as exceptions;
/// only invalid arguments and cancellation throw.
/// </summary>
public sealed class DnsStubClient
{
    private const int MaxUdpMessage = 65535;

    public async Task<DnsQueryResult> QueryAsync(IPEndPoint server, string name, DnsRecordType type, DnsQueryOptions options, CancellationToken cancellationToken)
    {
        if (server is null)
        {
            throw new ArgumentNullException(nameof(server));
        }

        if (type != DnsRecordType.A && type != DnsRecordType.Aaaa)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Only A and AAAA queries are supported.");
        }

        options ??= new DnsQueryOptions();
        var normalized = DnsName.Normalize(name);
        var id = QueryIdGenerator.Next();
        var query = DnsMessageWriter.WriteQuery(id, normalized, type, options.RecursionDesired);
        var ignored = new StrongBox<int>();
        var truncated = false;
        var usedTcp = options.UseTcp;
        var watch = Stopwatch.StartNew();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        DnsQueryResult Result(DnsQueryOutcome outcome, DnsResponse? response, string reason) => new(
            server, normalized, type, outcome, response?.ResponseCode, response?.Addresses ?? Array.Empty<IPAddress>(),
            truncated, usedTcp, watch.Elapsed, ignored.Value, reason);

        try
        {
            DnsResponse response;
            if (options.UseTcp)
            {
                response = await QueryTcpAsync(server, query, id, normalized, type, deadline.Token).ConfigureAwait(false);
            }
            else
            {
                response = await QueryUdpAsync(server, query, id, normalized, type, ignored, deadline.Token).ConfigureAwait(false);
                if (response.Truncated)
                {
                    truncated = true;
                    usedTcp = true;
                    response = await QueryTcpAsync(server, query, id, normalized, type, deadline.Token).ConfigureAwait(false);
                }
            }

            return response.Truncated
                ? Result(DnsQueryOutcome.Malformed, null, "the answer is truncated even over TCP")
                : Result(DnsQueryOutcome.Answered, response, string.Empty);
        }
        catch (Exception e) when (deadline.IsCancellationRequested && (e is OperationCanceledException or ObjectDisposedException or SocketException))
        {
            // Cancelling disposes the socket, so a pending receive ends in any of these.
            cancellationToken.ThrowIfCancellationRequested();
            return Result(DnsQueryOutcome.TimedOut, null, string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.###} s{1}", options.Timeout.TotalSeconds, usedTcp ? " (TCP)" : string.Empty));
        }
        catch (SocketException e)
        {
            return Result(DnsQueryOutcome.Unreachable, null, Describe(e, usedTcp));
        }
        catch (DnsResponseException e)
        {
            return Result(DnsQueryOutcome.Malformed, null, e.Reason);
        }
    }

    private static async Task<DnsResponse> QueryUdpAsync(IPEndPoint server, byte[] query, ushort id, string name, DnsRecordType type, StrongBox<int> ignored, CancellationToken token)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var registration = token.Register(socket.Dispose);
        socket.Bind(new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        // Connected: the kernel drops datagrams from other sources and reports ICMP port unreachable as a refusal.
        socket.Connect(server);
        await socket.SendAsync(new ArraySegment<byte>(query), SocketFlags.None).ConfigureAwait(false);
        var buffer = new byte[MaxUdpMessage];
        while (true)
        {
            var received = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None).ConfigureAwait(false);
            var message = new byte[received];
            Buffer.BlockCopy(buffer, 0, message, 0, received);
            if (DnsMessageParser.ReadId(message) != id)
            {
                // As real resolvers do: a datagram with the wrong ID is not our answer; keep waiting.
                ignored.Value++;
                continue;
            }

            return DnsMessageParser.Parse(message, id, name, type);
        }
    }

    private static async Task<DnsResponse> QueryTcpAsync(IPEndPoint server, byte[] query, ushort id, string name, DnsRecordType type, CancellationToken token)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var registration = token.Register(socket.Dispose);
        await socket.ConnectAsync(server).ConfigureAwait(false);
        await socket.SendAsync(new ArraySegment<byte>(DnsMessageWriter.WithTcpLengthPrefix(query)), SocketFlags.None).ConfigureAwait(false);
        var prefix = await ReceiveExactlyAsync(socket, 2, "length prefix").ConfigureAwait(false);
        var length = (prefix[0] << 8) | prefix[1];
        if (length < DnsMessageParser.HeaderLength)
        {
            throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "TCP length prefix {0} is shorter than a DNS header", length));
        }

        var message = await ReceiveExactlyAsync(socket, length, "message").ConfigureAwait(false);
        return DnsMessageParser.Parse(message, id, name, type);
    }

    private static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count, string what)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var n = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, filled, count - filled), SocketFlags.None).ConfigureAwait(false);
            if (n == 0)
            {
                throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "the server closed the TCP connection after {0} of {1} bytes of the {2}", filled, count, what));
            }

            filled += n;
        }

        return buffer;
    }

    private static string Describe(SocketException e, bool tcp)
    {
        var transport = tcp ? "TCP" : "UDP";
        return e.SocketErrorCode switch
        {
            SocketError.ConnectionRefused or SocketError.ConnectionReset => $"nothing answers on that {transport} port (connection refused)",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"no route to the server ({transport})",
            SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => $"this machine has no address of that family to send from ({transport})",
            _ => $"{transport} error {e.SocketErrorCode}: {e.Message}",
        };
    }
}
