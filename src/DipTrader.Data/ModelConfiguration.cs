using DipTrader.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Data;

/// <summary>The mapping: names and types of the predecessor's schema, indexes for every paged query.</summary>
internal static class ModelConfiguration
{
    public static void Apply(ModelBuilder model, string json)
    {
        model.Entity<User>(e =>
        {
            e.ToTable("users");
            e.Property(x => x.Email).HasMaxLength(255);
            e.HasIndex(x => x.Email).IsUnique();
            e.Property(x => x.PasswordHash).HasMaxLength(255);
            e.Property(x => x.Plan).HasMaxLength(20);
            e.Property(x => x.SecurityStamp).HasMaxLength(64);
        });
        model.Entity<Bot>(e =>
        {
            e.ToTable("bots");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Exchange).HasMaxLength(20);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.ApiKeyHint).HasMaxLength(8);
            e.HasOne(x => x.User).WithMany(u => u.Bots).HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.UserId).HasDatabaseName("idx_bots_user_id");
            e.HasIndex(x => x.Status).HasDatabaseName("idx_bots_status");
        });
        model.Entity<TradingPair>(e =>
        {
            e.ToTable("trading_pairs");
            e.Property(x => x.Symbol).HasMaxLength(20);
            e.Property(x => x.Side).HasMaxLength(10);
            e.Property(x => x.Config).HasColumnType(json);
            e.HasOne(x => x.Bot).WithMany(b => b.Pairs).HasForeignKey(x => x.BotId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.BotId).HasDatabaseName("idx_trading_pairs_bot_id");
        });
        model.Entity<Trade>(e =>
        {
            e.ToTable("trades");
            e.Property(x => x.Symbol).HasMaxLength(20);
            e.Property(x => x.Action).HasMaxLength(20);
            e.Property(x => x.Side).HasMaxLength(10);
            e.Property(x => x.PositionSide).HasMaxLength(10);
            e.Property(x => x.ClientOrderId).HasMaxLength(40);
            e.Property(x => x.ExchangeOrderId).HasMaxLength(64);
            e.Property(x => x.Rule).HasMaxLength(8);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Details).HasColumnType(json);
            e.HasOne<Bot>().WithMany().HasForeignKey(x => x.BotId).OnDelete(DeleteBehavior.Cascade);
            // The predecessor's FK has no ON DELETE; DipTrader keeps trade history when a pair is deleted.
            e.HasOne<TradingPair>().WithMany().HasForeignKey(x => x.TradingPairId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => x.BotId).HasDatabaseName("idx_trades_bot_id");
            e.HasIndex(x => x.ExecutedAt).IsDescending().HasDatabaseName("idx_trades_executed_at");
            e.HasIndex(x => new { x.BotId, x.ExecutedAt, x.Id }).IsDescending(false, true, true).HasDatabaseName("idx_trades_bot_time");
            e.HasIndex(x => x.ClientOrderId).HasDatabaseName("idx_trades_client_order_id");
            // The orders of one run (the run page).
            e.HasIndex(x => x.RunId).HasDatabaseName("idx_trades_run");
        });
        model.Entity<BotLog>(e =>
        {
            e.ToTable("bot_logs");
            e.Property(x => x.Level).HasMaxLength(10);
            e.Property(x => x.Symbol).HasMaxLength(20);
            e.HasOne<Bot>().WithMany().HasForeignKey(x => x.BotId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.BotId).HasDatabaseName("idx_bot_logs_bot_id");
            e.HasIndex(x => x.CreatedAt).IsDescending().HasDatabaseName("idx_bot_logs_created_at");
            e.HasIndex(x => new { x.BotId, x.Id }).IsDescending(false, true).HasDatabaseName("idx_bot_logs_bot_newest");
        });
        model.Entity<ExecutionMetric>(e =>
        {
            e.ToTable("execution_metrics");
            e.Property(x => x.Symbol).HasMaxLength(20);
            e.Property(x => x.Side).HasMaxLength(10);
            e.Property(x => x.Action).HasMaxLength(20);
            e.Property(x => x.Rule).HasMaxLength(8);
            e.Property(x => x.Decision).HasMaxLength(10);
            e.Property(x => x.UnrealizedPnlPct).HasPrecision(10, 4);
            e.Property(x => x.MarginLevel).HasPrecision(10, 4);
            e.Property(x => x.Details).HasColumnType(json);
            e.Property(x => x.Ema200).HasColumnName("ema_200");
            e.Property(x => x.Ema50).HasColumnName("ema_50");
            e.Property(x => x.Ema100H1).HasColumnName("ema_100h1");
            e.HasOne<Bot>().WithMany().HasForeignKey(x => x.BotId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.BotId, x.ExecutedAt }).IsDescending(false, true).HasDatabaseName("idx_bot_metrics");
            e.HasIndex(x => new { x.BotId, x.Symbol, x.ExecutedAt }).IsDescending(false, false, true).HasDatabaseName("idx_symbol_metrics");
            e.HasIndex(x => new { x.BotId, x.Id }).IsDescending(false, true).HasDatabaseName("idx_metrics_bot_newest");
            // The rows of one run: the bot page's positions are its last run's rows.
            e.HasIndex(x => x.RunId).HasDatabaseName("idx_metrics_run");
        });
        model.Entity<Setting>(e =>
        {
            e.ToTable("settings");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(255);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.TargetType).HasMaxLength(32);
            e.Property(x => x.IpAddress).HasMaxLength(64);
            e.HasIndex(x => x.CreatedAt).IsDescending().HasDatabaseName("idx_audit_log_created_at");
            e.HasIndex(x => new { x.UserId, x.CreatedAt }).HasDatabaseName("idx_audit_log_user");
        });
        model.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.Prefix).HasMaxLength(16);
            e.HasIndex(x => x.TokenHash).IsUnique().HasDatabaseName("idx_api_tokens_hash");
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<NotificationSetting>(e =>
        {
            e.ToTable("notification_settings");
            e.HasKey(x => x.UserId);
            e.HasOne<User>().WithOne().HasForeignKey<NotificationSetting>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<BotRun>(e =>
        {
            e.ToTable("bot_runs");
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.Property(x => x.Instance).HasMaxLength(100);
            e.HasOne<Bot>().WithMany().HasForeignKey(x => x.BotId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.BotId, x.Id }).IsDescending(false, true).HasDatabaseName("idx_bot_runs_bot_newest");
            e.HasIndex(x => x.StartedAt).HasDatabaseName("idx_bot_runs_started_at");
        });
        model.Entity<PaperAccountRow>(e =>
        {
            e.ToTable("paper_accounts");
            e.HasKey(x => x.BotId);
            e.Property(x => x.State).HasColumnType(json);
            e.HasOne<Bot>().WithOne().HasForeignKey<PaperAccountRow>(x => x.BotId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>(e => e.ToTable("data_protection_keys"));
        model.Entity<Backtest>(e =>
        {
            e.ToTable("backtests");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Request).HasColumnType(json);
            e.Property(x => x.Report).HasColumnType(json);
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.UserId, x.Id }).IsDescending(false, true).HasDatabaseName("idx_backtests_user_newest");
        });
    }
}
