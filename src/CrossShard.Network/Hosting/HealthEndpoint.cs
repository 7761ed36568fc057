using System.Net.Mime;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CrossShard.Network.Hosting;

/// <summary><c>GET /health</c> on the health address: the node's <see cref="NodeHealth"/> as JSON, 200 when serving and 503 otherwise.</summary>
internal static class HealthEndpoint
{
    public static async Task WriteAsync(HttpContext context, NodeRuntime runtime)
    {
        var health = await runtime.HealthAsync().ConfigureAwait(false);
        context.Response.StatusCode = runtime.State == NodeState.Serving ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = MediaTypeNames.Application.Json;
        await JsonSerializer.SerializeAsync(context.Response.Body, health, HostingJsonContext.Default.NodeHealth, context.RequestAborted).ConfigureAwait(false);
    }
}
