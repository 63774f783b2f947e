using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Web.Hubs;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Auth;

/// <summary>
/// The live-updates hub is for signed-in users only, and only while their sign-in lasts: a
/// connection is closed when the cookie that opened it expires, instead of pushing task news to
/// someone who has meanwhile lost access.
/// </summary>
public sealed class LiveUpdateHubTests(RealClockService service) : IClassFixture<RealClockService>
{
    [Fact]
    public void A_connection_is_closed_when_its_sign_in_expires()
    {
        // The hub's connection options travel with its negotiate endpoint, where every connection starts.
        var negotiate = Assert.Single(service.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints,
            e => e.Metadata.GetMetadata<HubMetadata>()?.HubType == typeof(WorkflowHub) && e.Metadata.GetMetadata<NegotiateMetadata>() is not null);

        var options = negotiate.Metadata.GetRequiredMetadata<HttpConnectionDispatcherOptions>();

        Assert.True(options.CloseOnAuthenticationExpiration);
    }

    [Fact]
    public async Task Negotiating_without_signing_in_is_refused_with_401()
    {
        var anonymous = PageSession.Anonymous(service.Host);
        var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/workflow/negotiate?negotiateVersion=1");
        // As the SignalR client sends it.
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");

        var response = await anonymous.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
