using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Intervention.FunctionalTests.Integrations;

/// <summary>One POST a subscriber received: its headers, body, when, and what it answered.</summary>
public sealed record ReceivedWebhook(string Path, string? ContentType, string WebhookId, string Timestamp, string Signature, string Body, DateTimeOffset At, int Answered);

/// <summary>An integrator's endpoint, in the test: Kestrel on loopback recording every POST and answering <see cref="Answer"/>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile int _answer = StatusCodes.Status200OK;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();
    public string Address { get; private set; } = "";

    /// <summary>The status every POST gets from now on (500 to play a subscriber that is down).</summary>
    public int Answer { get => _answer; set => _answer = value; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var answer = receiver.Answer;
            receiver.Received.Enqueue(new ReceivedWebhook(context.Request.Path, context.Request.ContentType, context.Request.Headers["webhook-id"].ToString(),
                context.Request.Headers["webhook-timestamp"].ToString(), context.Request.Headers["webhook-signature"].ToString(), body, DateTimeOffset.UtcNow, answer));
            context.Response.StatusCode = answer;
        });
        await app.StartAsync();
        receiver.Address = app.Urls.First();
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
