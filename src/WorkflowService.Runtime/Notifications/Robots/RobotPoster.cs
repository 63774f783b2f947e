using System.Net.Http.Headers;
using System.Text;

namespace WorkflowService.Runtime.Notifications.Robots;

/// <summary>
/// One POST to a robot and what its answer means (<see cref="RobotReply"/>): for the outbox's sender and the admin
/// page's test button. Never throws for the robot's sake: a refused connection or a timeout is a reply to retry.
/// </summary>
public sealed class RobotPoster(IHttpClientFactory http, TimeProvider clock)
{
    public const string HttpClientName = "robots";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<RobotReply> PostAsync(Robot robot, RobotMessage message, CancellationToken ct)
    {
        // Signed now, not when the row was written: a signature is valid for an hour, a retry may come later.
        var request = RobotFormats.Build(robot, message, clock.GetUtcNow());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            using var content = new StringContent(request.Body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await http.CreateClient(HttpClientName).PostAsync(request.Url, content, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return RobotReply.Read(robot.Kind, response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new RobotReply(RobotOutcome.Retry, $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            // The message says what failed (refused, DNS) and no URL; the inner exception might, so it is not kept.
            return new RobotReply(RobotOutcome.Retry, $"HTTP request failed: {ex.HttpRequestError}");
        }
    }
}
