namespace DipTrader.Data.Entities;

/// <summary>A person with an account (<c>users</c>: seed schema + predecessor migration 003 + DipTrader's columns).</summary>
public sealed class User
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }

    /// <summary>False when an admin has suspended the account (the predecessor never used this column).</summary>
    public bool IsActive { get; set; } = true;

    public string Plan { get; set; } = Plans.Free;
    public int MaxBots { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool IsAdmin { get; set; }
    public bool IsApproved { get; set; }
    public DateTime? RequestedAt { get; set; }

    // DipTrader's additions.
    public int FailedLoginCount { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? LastLoginAt { get; set; }

    /// <summary>Changes when the password changes, so sessions issued before it stop working.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public List<Bot> Bots { get; } = [];
}

/// <summary>Plan names and their default bot limits.</summary>
public static class Plans
{
    public const string Free = "free";
    public const string Basic = "basic";
    public const string Pro = "pro";

    public static IReadOnlyDictionary<string, int> DefaultBotLimits { get; } =
        new Dictionary<string, int>(StringComparer.Ordinal) { [Free] = 1, [Basic] = 3, [Pro] = 10 };
}
