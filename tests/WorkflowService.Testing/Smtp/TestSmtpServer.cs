using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace WorkflowService.Testing.Smtp;

/// <summary>A message as the SMTP server got it: the envelope recipients and the parsed message.</summary>
public sealed record ReceivedMail(IReadOnlyList<string> EnvelopeTo, MimeMessage Message, string Raw)
{
    public string Subject => Message.Subject ?? "";
}

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1, in-process: MailKit talks to it
/// over TCP exactly as it would to a relay. It can be started late on a port chosen earlier,
/// to play a relay that was down and came back.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    private readonly CapturingStore _store = new();
    private readonly ConcurrentDictionary<string, bool> _refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public TestSmtpServer(int port) => Port = port;

    public int Port { get; }
    public IReadOnlyList<ReceivedMail> Received => _store.Received.ToArray();

    /// <summary>
    /// From now on <c>RCPT TO</c> this address gets 550, as a relay answers for a mailbox that no
    /// longer exists, or, <paramref name="temporarily"/>, 451 as a greylisting relay does ("try later").
    /// </summary>
    public void Refuse(string address, bool temporarily = false) => _refused[address] = temporarily;

    /// <summary>Accepts the address again.</summary>
    public void Accept(string address) => _refused.TryRemove(address, out _);

    /// <summary>Waits until the server has received a message matching <paramref name="match"/> and returns all that match.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(Func<ReceivedMail, bool> match, string what, TimeSpan? timeout = null) =>
        await Poll.ForAsync(() => Task.FromResult<IReadOnlyList<ReceivedMail>>(Received.Where(match).ToList()), m => m.Count > 0,
            $"the SMTP server on port {Port} has received {what}", timeout);

    /// <summary>
    /// A port nothing listens on right now (the OS picks it), for a server started now or later;
    /// never the same port twice in one test run. The probe is closed before the server binds, so
    /// without that check two servers started in parallel could get the same port: the second
    /// fails to bind but finds the first one listening, and its mail goes to the other test.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0)) return port;
        }
    }

    public static async Task<TestSmtpServer> StartAsync(int? port = null)
    {
        var server = new TestSmtpServer(port ?? FreePort());
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        services.Add(new DelegatingMailboxFilter((IMailbox to, IMailbox _) =>
            !_refused.TryGetValue($"{to.User}@{to.Host}", out var temporarily)
            || (temporarily ? throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)451, "Greylisted, try again later")) : false)));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
        await WaitUntilListeningAsync();
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            if (_running is { IsFaulted: true }) await _running;
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Stops the server (a relay going down); safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        if (_server is not null)
        {
            _server.Shutdown();
            await _stop.CancelAsync();
            try
            {
                await _server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
                // Stopping is best effort: the port dies with the test process anyway.
            }
        }
        await _stop.CancelAsync();
    }

    private sealed class CapturingStore : MessageStore
    {
        public ConcurrentQueue<ReceivedMail> Received { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var bytes = buffer.ToArray();
            using var stream = new MemoryStream(bytes);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var envelope = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            Received.Enqueue(new ReceivedMail(envelope, message, System.Text.Encoding.UTF8.GetString(bytes)));
            return SmtpResponse.Ok;
        }
    }
}
