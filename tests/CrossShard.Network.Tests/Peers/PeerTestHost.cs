using System.Net;
using CrossShard.Network.Peers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrossShard.Network.Tests.Peers;

/// <summary>
/// An in-process Kestrel serving one node's PeerLinkService over HTTP/2 on 127.0.0.1 only. The service is looked
/// up when the first call arrives, so the port can be bound (and put in the manifest) before the node's network exists.
/// </summary>
public sealed class PeerTestHost : IAsyncDisposable
{
    private readonly Func<PeerLinkService> _service;
    private readonly PeerNetworkOptions _options;
    private readonly ILoggerProvider? _log;
    private WebApplication? _app;

    private PeerTestHost(Func<PeerLinkService> service, PeerNetworkOptions options, ILoggerProvider? log)
    {
        _service = service;
        _options = options;
        _log = log;
    }

    public int Port { get; private set; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public bool IsRunning => _app is not null;

    /// <summary>Binds a free loopback port (port 0) and starts serving.</summary>
    public static async Task<PeerTestHost> StartAsync(Func<PeerLinkService> service, PeerNetworkOptions options, ILoggerProvider? log = null)
    {
        var host = new PeerTestHost(service, options, log);
        await host.StartAsync();
        return host;
    }

    /// <summary>Starts serving again on the port bound first (0 the first time).</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (_log is not null)
        {
            builder.Logging.AddProvider(_log);
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.Services.AddGrpc().AddServiceOptions<PeerLinkService>(o =>
        {
            o.MaxReceiveMessageSize = _options.MaxGrpcMessageBytes;
            o.MaxSendMessageSize = _options.MaxGrpcMessageBytes;
        });
        builder.Services.AddSingleton(_ => _service());
        var app = builder.Build();
        app.MapGrpcService<PeerLinkService>();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Port = new Uri(address).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
