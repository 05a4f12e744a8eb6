using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DipTrader.Testing.FakeTelegram;

/// <summary>A message the fake Telegram Bot API received.</summary>
public sealed record FakeTelegramMessage(string BotToken, string ChatId, string Text, string? ParseMode, DateTimeOffset At);

/// <summary>
/// A Telegram Bot API on 127.0.0.1 that records <c>sendMessage</c> calls (JSON or form posts to
/// <c>/bot{token}/sendMessage</c>) and answers like Telegram; it can refuse the next N messages with 429 or 500.
/// </summary>
public sealed class FakeTelegramServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeTelegramMessage> _messages = new();
    private int _failNext;
    private int _nextMessageId = 1;

    private FakeTelegramServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<FakeTelegramMessage> Messages => [.. _messages];

    /// <summary>The next <paramref name="count"/> calls answer HTTP 500.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    public static async Task<FakeTelegramServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTelegramServer(app);
        app.MapPost("/bot{token}/{method}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    private async Task<IResult> HandleAsync(string token, string method, HttpRequest request)
    {
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            return Results.Json(new { ok = false, error_code = 500, description = "Internal Server Error" }, statusCode: 500);
        }
        Interlocked.Exchange(ref _failNext, 0);
        if (!string.Equals(method, "sendMessage", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new { ok = false, error_code = 404, description = "Not Found: method not found" }, statusCode: 404);
        }
        string chatId;
        string text;
        string? parseMode;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            chatId = form["chat_id"].ToString();
            text = form["text"].ToString();
            parseMode = form["parse_mode"].ToString();
        }
        else
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            var root = document.RootElement;
            chatId = root.GetProperty("chat_id").ValueKind == JsonValueKind.Number ? root.GetProperty("chat_id").GetInt64().ToString(CultureInfo.InvariantCulture) : root.GetProperty("chat_id").GetString()!;
            text = root.GetProperty("text").GetString()!;
            parseMode = root.TryGetProperty("parse_mode", out var mode) ? mode.GetString() : null;
        }
        _messages.Enqueue(new FakeTelegramMessage(token, chatId, text, parseMode, DateTimeOffset.UtcNow));
        var id = Interlocked.Increment(ref _nextMessageId);
        var chat = long.TryParse(chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var numeric) ? numeric : 1L;
        return Results.Json(new
        {
            ok = true,
            result = new { message_id = id, date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), chat = new { id = chat, type = chat < 0 ? "group" : "private" }, text },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
