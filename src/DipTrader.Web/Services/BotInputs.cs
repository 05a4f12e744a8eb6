namespace DipTrader.Web.Services;

/// <summary>A new bot, as the form or the API sends it.</summary>
public sealed record NewBotInput(string? Name, string? Exchange, bool Testnet, int? RunEveryMinutes, string? ApiKey, string? ApiSecret);

/// <summary>The editable settings of a bot. A null keeps the bot's current value (an API update that leaves the field out).</summary>
public sealed record BotSettingsInput(string? Name, bool? Testnet, int? RunEveryMinutes);

/// <summary>Replacement exchange keys.</summary>
public sealed record BotKeysInput(string? ApiKey, string? ApiSecret);

/// <summary>Validation of bot fields: length and character rules, no keyword blacklist.</summary>
public static class BotRules
{
    public static IReadOnlyList<int> RunIntervals { get; } = [1, 5, 15, 30, 60];

    public const int DefaultRunEveryMinutes = 5;

    public static string? Name(string? name, FieldErrors errors)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            errors.Add("Name", "Give the bot a name.");
        }
        else if (trimmed.Length > 100)
        {
            errors.Add("Name", "Use at most 100 characters for the name.");
        }
        else if (trimmed.Any(char.IsControl))
        {
            errors.Add("Name", "The name cannot contain control characters.");
        }
        return trimmed;
    }

    public static int RunEvery(int? minutes, FieldErrors errors)
    {
        var value = minutes ?? DefaultRunEveryMinutes;
        if (!RunIntervals.Contains(value))
        {
            errors.Add("RunEveryMinutes", $"Choose one of {string.Join(", ", RunIntervals)} minutes.");
        }
        return value;
    }

    public static string Key(string field, string label, string? value, FieldErrors errors)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            errors.Add(field, $"Enter the {label} from Phemex (API Management).");
        }
        else if (trimmed.Length is < 10 or > 500)
        {
            errors.Add(field, $"The {label} should be 10 to 500 characters long; check that it was copied whole.");
        }
        else if (trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add(field, $"The {label} cannot contain spaces or control characters.");
        }
        return trimmed;
    }
}
