using System.CommandLine;
using DipTrader.Cli.Hosting;
using DipTrader.Data;
using DipTrader.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Cli.Commands;

/// <summary><c>diptrader migrate</c>, <c>diptrader keygen</c> and <c>diptrader keys rotate</c>.</summary>
internal static class DatabaseCommands
{
    public static Command Migrate(CliConsole console)
    {
        var command = new Command("migrate", "Apply the database migrations (DATABASE_URL; default: SQLite under ./data). Adopts a predecessor PostgreSQL database in place.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var connection = DatabaseSettings.Connection(CliHost.Environment(), required: false);
            if (!connection.IsValid)
            {
                await Errors(console, connection.Errors);
                return ExitCodes.BadInput;
            }
            try
            {
                await using var db = PersistenceServiceCollectionExtensions.CreateContext(connection.Value!);
                var applied = await DatabaseMigrator.MigrateAsync(db, cancellationToken);
                await console.Out.WriteLineAsync(applied.Count == 0
                    ? $"{connection.Value!.Describe()}: up to date."
                    : $"{connection.Value!.Describe()}: applied {string.Join(", ", applied)}.");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                await console.Error.WriteLineAsync($"Migrating {connection.Value!.Describe()} failed: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    public static Command Keygen(CliConsole console)
    {
        var command = new Command("keygen", "Print a new ENCRYPTION_KEY (a Fernet key, compatible with the Python app).");
        command.SetAction(async (_, _) =>
        {
            await console.Out.WriteLineAsync(SecretBox.GenerateKey());
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Keys(CliConsole console)
    {
        var rotate = new Command("rotate", "Re-encrypt every stored secret (exchange keys, Telegram settings) with the first key of ENCRYPTION_KEYS=new,old, in one transaction.");
        rotate.SetAction(async (_, cancellationToken) =>
        {
            var variables = CliHost.Environment();
            var connection = DatabaseSettings.Connection(variables, required: false);
            var secrets = DatabaseSettings.Secrets(variables);
            if (!connection.IsValid || !secrets.IsValid)
            {
                await Errors(console, [.. connection.Errors, .. secrets.Errors]);
                return ExitCodes.BadInput;
            }
            await using var db = PersistenceServiceCollectionExtensions.CreateContext(connection.Value!);
            var result = await KeyRotation.RotateAsync(db, secrets.Value!, cancellationToken);
            if (result.Error is not null)
            {
                await console.Error.WriteLineAsync(result.Error);
                return ExitCodes.Failure;
            }
            await console.Out.WriteLineAsync($"Re-encrypted {result.Changed} secret{(result.Changed == 1 ? "" : "s")} in {result.Rows} row{(result.Rows == 1 ? "" : "s")} with the first key ({result.Unchanged} already used it).");
            return ExitCodes.Success;
        });
        var keys = new Command("keys", "Manage the encryption keys of stored secrets.") { rotate };
        return keys;
    }

    private static async Task Errors(CliConsole console, IEnumerable<Trading.ValidationError> errors)
    {
        foreach (var error in errors)
        {
            await console.Error.WriteLineAsync(error.ToString());
        }
    }
}

/// <summary>Re-encrypts every encrypted column with the key ring's first key, all or nothing.</summary>
internal static class KeyRotation
{
    public sealed record Result(int Changed, int Unchanged, int Rows, string? Error);

    public static async Task<Result> RotateAsync(DipTraderDbContext db, SecretBox box, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = 0;
        var unchanged = 0;
        var rows = 0;
        string? Rotate(string? token, string where)
        {
            if (string.IsNullOrEmpty(token))
            {
                return token;
            }
            if (!box.NeedsRotation(token))
            {
                unchanged++;
                return token;
            }
            try
            {
                var rotated = box.Rotate(token);
                changed++;
                return rotated;
            }
            catch (SecretDecryptionException)
            {
                throw new InvalidOperationException($"{where} cannot be decrypted with any configured key; nothing was changed. Add the key it was made with to ENCRYPTION_KEYS.");
            }
        }
        try
        {
            foreach (var bot in await db.Bots.ToListAsync(cancellationToken))
            {
                rows++;
                bot.ApiKeyEncrypted = Rotate(bot.ApiKeyEncrypted, $"Bot {bot.Id}'s API key")!;
                bot.ApiSecretEncrypted = Rotate(bot.ApiSecretEncrypted, $"Bot {bot.Id}'s API secret")!;
            }
            foreach (var settings in await db.NotificationSettings.ToListAsync(cancellationToken))
            {
                rows++;
                settings.TelegramBotTokenEncrypted = Rotate(settings.TelegramBotTokenEncrypted, $"User {settings.UserId}'s Telegram token");
                settings.TelegramChatIdEncrypted = Rotate(settings.TelegramChatIdEncrypted, $"User {settings.UserId}'s Telegram chat");
            }
        }
        catch (InvalidOperationException e)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new Result(0, 0, 0, e.Message);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Result(changed, unchanged, rows, null);
    }
}
