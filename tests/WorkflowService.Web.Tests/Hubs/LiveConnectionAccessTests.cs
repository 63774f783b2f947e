using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Hubs;

/// <summary>
/// A live connection (the pages' SignalR hub) carries task news only while its user may see them: disabling the person
/// closes it, and taking them out of a group stops that group's news on a connection that stays open.
/// </summary>
public sealed class LiveConnectionAccessTests(RealClockService service) : IClassFixture<RealClockService>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Disabling_a_person_closes_their_open_live_connection_and_nothing_more_reaches_it()
    {
        await using var live = await LiveConnection.OpenAsync(service.Host, await CookieOfAsync("agent2"));
        await live.WaitForAsync(await StartComplaintAsync(), Patience);

        await ApiClient.Expect(await (await service.As("admin")).PostAsync("/api/users/agent2/disable"), HttpStatusCode.OK);

        await live.WaitClosedAsync(Patience);
        var after = await StartComplaintAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(after, live.Received);
    }

    [Fact]
    public async Task A_person_taken_out_of_a_group_stops_hearing_its_tasks_and_hears_them_again_when_put_back()
    {
        var admin = await service.As("admin");
        var members = (await admin.GetJsonAsync("/api/groups/agents")).GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("userName").GetString()!).ToArray();
        Assert.Contains("agent", members);
        await using var live = await LiveConnection.OpenAsync(service.Host, await CookieOfAsync("agent"));

        await SetMembersAsync(admin, members.Where(m => m != "agent"));
        await WaitUntilAsync(async () =>
        {
            var key = await StartComplaintAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return !live.Received.Contains(key, StringComparison.Ordinal);
        });
        Assert.False(live.Closed);

        await SetMembersAsync(admin, members);
        await WaitUntilAsync(async () =>
        {
            var key = await StartComplaintAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return live.Received.Contains(key, StringComparison.Ordinal);
        });
    }

    private static async Task SetMembersAsync(ApiClient admin, IEnumerable<string> members) =>
        await ApiClient.Expect(await admin.Http.PutAsJsonAsync("/api/groups/agents/members", new { userNames = members.ToArray() }),
            HttpStatusCode.OK);

    /// <summary>Starts a complaint (its first task is the agents group's) as the desk; returns its instance's id as events carry it.</summary>
    private async Task<string> StartComplaintAsync() =>
        (await (await service.As("desk")).StartAsync("complaint", businessKey: $"C-live-{Guid.NewGuid():N}"[..20])).ToString();

    /// <summary>Tries <paramref name="holds"/> until it is true: the change reaches the connection a moment after it is saved.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> holds)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await holds())
        {
            if (DateTime.UtcNow > until) Assert.Fail("the live connection did not follow the change within " + Patience);
        }
    }

    private async Task<string> CookieOfAsync(string user)
    {
        var http = service.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await http.GetAsync("/login");
        var cookies = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var token = Regex.Match(await login.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
            .Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = user, ["Password"] = WorkflowHost.DemoPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        var signedIn = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).First(c => c.StartsWith("ws.auth=", StringComparison.Ordinal));
    }

    /// <summary>The hub as a page's client opens it (negotiate, WebSocket, JSON protocol), keeping what it receives.</summary>
    private sealed class LiveConnection : IAsyncDisposable
    {
        private readonly WebSocket _socket;
        private readonly StringBuilder _received = new();
        private readonly Task _reading;

        private LiveConnection(WebSocket socket)
        {
            _socket = socket;
            _reading = Task.Run(ReadAsync);
        }

        public string Received
        {
            get { lock (_received) return _received.ToString(); }
        }

        public bool Closed => _reading.IsCompleted;

        public static async Task<LiveConnection> OpenAsync(WorkflowHost host, string cookie)
        {
            var http = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hubs/workflow/negotiate?negotiateVersion=1");
            negotiate.Headers.Add("Cookie", cookie);
            var negotiated = await http.SendAsync(negotiate);
            Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
            var token = Regex.Match(await negotiated.Content.ReadAsStringAsync(), "\"connectionToken\":\"([^\"]+)\"").Groups[1].Value;
            var client = host.Server.CreateWebSocketClient();
            client.ConfigureRequest = r => r.Headers["Cookie"] = cookie;
            var socket = await client.ConnectAsync(new Uri($"ws://localhost/hubs/workflow?id={token}"), CancellationToken.None);
            await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true,
                CancellationToken.None);
            var live = new LiveConnection(socket);
            // The handshake's answer: the connection has joined its groups.
            await live.WaitForAsync("{}", Patience);
            return live;
        }

        public async Task WaitForAsync(string text, TimeSpan patience)
        {
            var until = DateTime.UtcNow + patience;
            while (!Received.Contains(text, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > until) Assert.Fail($"'{text}' did not arrive; received: {Received}");
                await Task.Delay(50);
            }
        }

        public async Task WaitClosedAsync(TimeSpan patience)
        {
            if (await Task.WhenAny(_reading, Task.Delay(patience)) != _reading) Assert.Fail("the live connection stayed open");
        }

        private async Task ReadAsync()
        {
            var buffer = new byte[65536];
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    var read = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (read.MessageType == WebSocketMessageType.Close) return;
                    lock (_received) _received.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
                }
            }
            catch (WebSocketException)
            {
                // Aborted by the server: closed.
            }
        }

        public async ValueTask DisposeAsync()
        {
            // The reader receives the server's answer to the close; CloseAsync would receive too.
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            await Task.WhenAny(_reading, Task.Delay(Patience));
            _socket.Dispose();
        }
    }
}
