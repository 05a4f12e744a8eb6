using System.Net;
using System.Text;

namespace DipTrader.Bots.Notifications;

public enum NotificationKind
{
    PositionOpened,
    PositionAdded,
    PositionReduced,
    PositionClosed,
    OrderResting,
    OrderNotFilled,
    AlertBegan,
    AlertEnded,
    MarginCapRefused,
    RunFailed,
    Recovered,
    BotStarted,
    Test,
}

/// <summary>A message for the trader: a title and labelled values, rendered as Telegram HTML or a log line.</summary>
public sealed record Notification(NotificationKind Kind, string Emoji, string Title, IReadOnlyList<KeyValuePair<string, string>> Fields, string? Footer = null)
{
    /// <summary>Telegram HTML; every dynamic value is escaped (the predecessor's were not, so a "&lt;" lost the message).</summary>
    public string ToHtml()
    {
        var text = new StringBuilder();
        text.Append(Emoji).Append(" <b>").Append(WebUtility.HtmlEncode(Title)).Append("</b>");
        foreach (var (label, value) in Fields)
        {
            text.Append('\n').Append(WebUtility.HtmlEncode(label)).Append(": <code>").Append(WebUtility.HtmlEncode(value)).Append("</code>");
        }
        if (Footer is not null)
        {
            text.Append("\n\n<i>").Append(WebUtility.HtmlEncode(Footer)).Append("</i>");
        }
        return text.ToString();
    }

    public string ToPlainText()
    {
        var fields = string.Join("; ", Fields.Select(f => $"{f.Key}: {f.Value}"));
        return Footer is null ? $"{Title} — {fields}" : $"{Title} — {fields} ({Footer})";
    }
}

/// <summary>Where a bot's messages go. Sending never blocks or breaks a run.</summary>
public interface INotifier
{
    /// <summary>Queues a message; returns at once.</summary>
    void Notify(Notification notification);

    /// <summary>False for a notifier that drops every message: the bot run then composes none (a backtest's thousands of runs).</summary>
    bool Sends => true;
}
