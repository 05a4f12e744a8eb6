namespace DipTrader.Data.Entities;

/// <summary>An application setting (<c>settings</c>, predecessor migration 003).</summary>
public sealed class Setting
{
    public required string Key { get; set; }
    public string? Value { get; set; }
    public DateTime? UpdatedAt { get; set; }
}

public static class SettingKeys
{
    public const string RegistrationEnabled = "registration_enabled";
    public const string ApprovalRequired = "approval_required";
}
