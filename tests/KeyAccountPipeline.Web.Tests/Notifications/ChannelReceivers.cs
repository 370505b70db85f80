using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace KeyAccountPipeline.Web.Tests.Notifications;

/// <summary>A real SMTP server (the SmtpServer library) on a loopback port, keeping every message it accepts as MimeKit parsed it.</summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public LoopbackSmtpServer(string account, string password)
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication(true).AuthenticationRequired(true))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Messages));
        services.Add(new Accounts(account, password));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>A port nothing listens on now (taken from the OS, then released).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Accounts(string account, string password) : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string user, string password1, CancellationToken cancellationToken) =>
            Task.FromResult(user == account && password1 == password);
    }
}

/// <summary>One request a robot receiver got: its path, query and JSON body.</summary>
public sealed record RobotRequest(string Path, IQueryCollection Query, JsonNode Body);

/// <summary>
/// A local Kestrel HTTP server standing in for the robots' platforms: it records each POST and answers with
/// <see cref="Answer"/> (HTTP 200 and a JSON body, as the platforms do even for errors).
/// </summary>
public sealed class RobotReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RobotReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<RobotRequest> Requests { get; } = new();

    /// <summary>The JSON answered for a path ("/wecom"); "{"errcode":0,"errmsg":"ok"}" when absent.</summary>
    public ConcurrentDictionary<string, string> Answer { get; } = new();

    public Uri BaseUrl => new(_app.Urls.First());

    public static async Task<RobotReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new RobotReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            var path = context.Request.Path.Value!;
            receiver.Requests.Enqueue(new RobotRequest(path, context.Request.Query, body!));
            var answer = receiver.Answer.TryGetValue(path, out var json) ? json : """{"errcode":0,"errmsg":"ok","code":0,"msg":"success"}""";
            return Results.Content(answer, "application/json");
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
