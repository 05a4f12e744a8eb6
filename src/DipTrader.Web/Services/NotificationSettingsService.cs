using System.Globalization;
using System.Text.RegularExpressions;
using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace DipTrader.Web.Services;

public sealed record TelegramInput(string? BotToken, string? ChatId, bool Enabled);

/// <summary>What the account page may show: never the token, at most the chat id's last 3 characters.</summary>
public sealed record TelegramView(bool Configured, bool Readable, bool Enabled, string? ChatHint, DateTime? UpdatedAt);

/// <summary>
/// Each user's own Telegram bot token and chat id (<c>notification_settings</c>, both encrypted with the
/// <see cref="SecretBox"/>). A user only ever reads or writes their own row, so no tenant's messages can
/// reach another tenant's chat. Secrets are never returned, logged or audited.
/// </summary>
public sealed partial class NotificationSettingsService(
    IDbContextFactory<DipTraderDbContext> contexts,
    SecretBox secrets,
    TelegramSender telegram,
    IMemoryCache cache,
    AuditLog audit,
    TimeProvider time)
{
    public static readonly TimeSpan TestInterval = TimeSpan.FromSeconds(10);

    /// <summary>@BotFather's tokens have 35 characters after the colon; fewer means a truncated paste.</summary>
    private const int MinTokenSecretLength = 35;

    public async Task<TelegramView> GetAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(n => n.UserId == userId, cancellationToken);
        if (row is not { TelegramBotTokenEncrypted: { } token, TelegramChatIdEncrypted: { } chat })
        {
            return new TelegramView(false, false, false, null, row?.UpdatedAt);
        }
        var readable = secrets.TryDecrypt(chat, out var chatId) & secrets.TryDecrypt(token, out _);
        return new TelegramView(true, readable, row.Enabled, chatId is null ? null : Hint(chatId), row.UpdatedAt);
    }

    /// <summary>Saves the settings; a blank token or chat id keeps the one already saved.</summary>
    public async Task<ServiceResult<bool>> SaveAsync(int userId, TelegramInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var token = input.BotToken?.Trim() ?? string.Empty;
        var chatId = input.ChatId?.Trim() ?? string.Empty;
        if (token.Length > 0 && (!TelegramBotToken.IsWellFormed(token, MinTokenSecretLength)))
        {
            errors.Add("BotToken", "A Telegram bot token looks like 123456789:AAE… — a bot id of 1 to 16 digits, a colon, then at least 35 letters, digits, '-' or '_'. @BotFather gives it to you.");
        }
        if (chatId.Length > 0 && !IsChatId(chatId))
        {
            errors.Add("ChatId", "A chat id is a number (negative for groups, such as -1001234567890) or a public channel name such as @my_channel.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSettings.SingleOrDefaultAsync(n => n.UserId == userId, cancellationToken);
        if (token.Length == 0 && !Readable(row?.TelegramBotTokenEncrypted))
        {
            errors.Add("BotToken", "Enter the bot token.");
        }
        if (chatId.Length == 0 && !Readable(row?.TelegramChatIdEncrypted))
        {
            errors.Add("ChatId", "Enter the chat id.");
        }
        if (errors.Count > 0)
        {
            return ServiceResult<bool>.Invalid(errors.ToDictionary());
        }
        if (row is null)
        {
            row = new NotificationSetting { UserId = userId };
            db.NotificationSettings.Add(row);
        }
        if (token.Length > 0)
        {
            row.TelegramBotTokenEncrypted = secrets.Encrypt(token);
        }
        if (chatId.Length > 0)
        {
            row.TelegramChatIdEncrypted = secrets.Encrypt(chatId);
        }
        row.Enabled = input.Enabled;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var what = token.Length > 0 && chatId.Length > 0 ? "token and chat" : token.Length > 0 ? "token" : chatId.Length > 0 ? "chat" : "settings";
        audit.Add(db, userId, AuditActions.TelegramChanged, "user", userId, $"saved {what}, {(input.Enabled ? "enabled" : "disabled")}");
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<bool>.Ok(true);
    }

    public async Task<ServiceResult<bool>> SetEnabledAsync(int userId, bool enabled, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSettings.SingleOrDefaultAsync(n => n.UserId == userId, cancellationToken);
        if (row is not { TelegramBotTokenEncrypted: not null, TelegramChatIdEncrypted: not null })
        {
            return ServiceResult<bool>.Invalid("Telegram", "Save a bot token and a chat id first.");
        }
        if (row.Enabled != enabled)
        {
            row.Enabled = enabled;
            row.UpdatedAt = time.GetUtcNow().UtcDateTime;
            audit.Add(db, userId, AuditActions.TelegramChanged, "user", userId, enabled ? "enabled" : "disabled");
            await db.SaveChangesAsync(cancellationToken);
        }
        return ServiceResult<bool>.Ok(enabled);
    }

    /// <summary>Deletes the user's Telegram settings; the value says whether there were any.</summary>
    public async Task<bool> ClearAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSettings.SingleOrDefaultAsync(n => n.UserId == userId, cancellationToken);
        if (row is null)
        {
            return false;
        }
        db.NotificationSettings.Remove(row);
        audit.Add(db, userId, AuditActions.TelegramChanged, "user", userId, "cleared");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Sends a test message to the user's saved chat; the message says what happened, in plain words.</summary>
    public async Task<ServiceResult<string>> SendTestAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(n => n.UserId == userId, cancellationToken);
        if (row is not { TelegramBotTokenEncrypted: { } tokenCipher, TelegramChatIdEncrypted: { } chatCipher })
        {
            return ServiceResult<string>.Invalid("Telegram", "Save a bot token and a chat id first.");
        }
        if (!secrets.TryDecrypt(tokenCipher, out var token) || !secrets.TryDecrypt(chatCipher, out var chatId))
        {
            return ServiceResult<string>.Invalid("Telegram", "The saved Telegram settings cannot be read any more (the encryption key changed); enter them again.");
        }
        var throttle = string.Create(CultureInfo.InvariantCulture, $"telegram-test:{userId}");
        if (cache.TryGetValue(throttle, out _))
        {
            return ServiceResult<string>.Invalid("Telegram", "A test message was sent a moment ago; wait a few seconds before sending another.");
        }
        cache.Set(throttle, true, TestInterval);
        var failure = await telegram.SendNowAsync(new TelegramTarget(token, chatId),
            "<b>DipTrader</b>: test message. Your bots' notifications will arrive in this chat.", cancellationToken);
        return failure is null
            ? ServiceResult<string>.Ok($"Test message sent to chat {Hint(chatId)}.")
            : ServiceResult<string>.Invalid("Telegram", failure);
    }

    private bool Readable(string? cipher) => cipher is not null && secrets.TryDecrypt(cipher, out _);

    private static bool IsChatId(string value) =>
        ChannelPattern().IsMatch(value) || (NumericChatPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));

    private static string Hint(string chatId) => chatId.Length <= 3 ? chatId : "…" + chatId[^3..];

    [GeneratedRegex("^-?[0-9]{1,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericChatPattern();

    [GeneratedRegex("^@[A-Za-z][A-Za-z0-9_]{4,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelPattern();
}
