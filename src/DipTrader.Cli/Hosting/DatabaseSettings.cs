using DipTrader.Data;
using DipTrader.Data.Security;
using DipTrader.Trading;

namespace DipTrader.Cli.Hosting;

/// <summary>DATABASE_URL and ENCRYPTION_KEY(S) for the commands that use the database, with clear errors.</summary>
internal static class DatabaseSettings
{
    public static Validated<DatabaseConnection> Connection(IReadOnlyDictionary<string, string> variables, bool required)
    {
        var url = variables.GetValueOrDefault("DATABASE_URL");
        if (string.IsNullOrWhiteSpace(url) && required)
        {
            return Validated<DatabaseConnection>.Fail("DATABASE_URL", "is required here: a postgresql://user:password@host:5432/db URL, an Npgsql connection string, or a SQLite file");
        }
        return DatabaseConnection.TryParse(url, Directory.GetCurrentDirectory(), out var connection, out var error)
            ? Validated<DatabaseConnection>.Ok(connection)
            : Validated<DatabaseConnection>.Fail("DATABASE_URL", error);
    }

    public static Validated<SecretBox> Secrets(IReadOnlyDictionary<string, string> variables) =>
        SecretBox.TryCreate(variables.GetValueOrDefault(SecretBox.KeysSetting), variables.GetValueOrDefault(SecretBox.KeySetting), out var box, out var error)
            ? Validated<SecretBox>.Ok(box)
            : Validated<SecretBox>.Fail(SecretBox.KeySetting, error);
}
