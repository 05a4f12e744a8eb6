using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DipTrader.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    target_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    target_id = table.Column<int>(type: "INTEGER", nullable: true),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    email = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    plan = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    max_bots = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_admin = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_approved = table.Column<bool>(type: "INTEGER", nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    failed_login_count = table.Column<int>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_login_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "backtests",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    progress = table.Column<int>(type: "INTEGER", nullable: false),
                    request = table.Column<string>(type: "TEXT", nullable: false),
                    report = table.Column<string>(type: "TEXT", nullable: true),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_backtests", x => x.id);
                    table.ForeignKey(
                        name: "fk_backtests_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bots",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    exchange = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    testnet = table.Column<bool>(type: "INTEGER", nullable: false),
                    api_key_encrypted = table.Column<string>(type: "TEXT", nullable: false),
                    api_secret_encrypted = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    api_key_hint = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    run_every_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    last_run_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_run_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    consecutive_failures = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bots", x => x.id);
                    table.ForeignKey(
                        name: "fk_bots_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification_settings",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false),
                    telegram_bot_token_encrypted = table.Column<string>(type: "TEXT", nullable: true),
                    telegram_chat_id_encrypted = table.Column<string>(type: "TEXT", nullable: true),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_settings", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_notification_settings_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bot_logs",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bot_id = table.Column<int>(type: "INTEGER", nullable: true),
                    level = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    run_id = table.Column<long>(type: "INTEGER", nullable: true),
                    symbol = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bot_logs", x => x.id);
                    table.ForeignKey(
                        name: "fk_bot_logs_bots_bot_id",
                        column: x => x.bot_id,
                        principalTable: "bots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bot_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bot_id = table.Column<int>(type: "INTEGER", nullable: false),
                    scheduled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    pairs_ok = table.Column<int>(type: "INTEGER", nullable: false),
                    pairs_failed = table.Column<int>(type: "INTEGER", nullable: false),
                    duration_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    instance = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bot_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_bot_runs_bots_bot_id",
                        column: x => x.bot_id,
                        principalTable: "bots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "execution_metrics",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bot_id = table.Column<int>(type: "INTEGER", nullable: false),
                    symbol = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    executed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    total_balance = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    position_size = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    position_value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    unrealized_pnl = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    unrealized_pnl_pct = table.Column<decimal>(type: "TEXT", precision: 10, scale: 4, nullable: true),
                    margin_level = table.Column<decimal>(type: "TEXT", precision: 10, scale: 4, nullable: true),
                    entry_price = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    current_price = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    leverage = table.Column<int>(type: "INTEGER", nullable: true),
                    side = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    conclusion = table.Column<string>(type: "TEXT", nullable: true),
                    ema_200 = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    ema_50 = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    execution_time_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    run_id = table.Column<long>(type: "INTEGER", nullable: true),
                    trading_pair_id = table.Column<int>(type: "INTEGER", nullable: true),
                    rule = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    decision = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ema_100h1 = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_execution_metrics", x => x.id);
                    table.ForeignKey(
                        name: "fk_execution_metrics_bots_bot_id",
                        column: x => x.bot_id,
                        principalTable: "bots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_accounts",
                columns: table => new
                {
                    bot_id = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_accounts", x => x.bot_id);
                    table.ForeignKey(
                        name: "fk_paper_accounts_bots_bot_id",
                        column: x => x.bot_id,
                        principalTable: "bots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "trading_pairs",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bot_id = table.Column<int>(type: "INTEGER", nullable: true),
                    symbol = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    side = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    leverage = table.Column<int>(type: "INTEGER", nullable: false),
                    ema_interval = table.Column<int>(type: "INTEGER", nullable: false),
                    automatic_mode = table.Column<bool>(type: "INTEGER", nullable: false),
                    config = table.Column<string>(type: "TEXT", nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    alert_state = table.Column<string>(type: "TEXT", nullable: true),
                    exchange_leverage = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_pairs", x => x.id);
                    table.ForeignKey(
                        name: "fk_trading_pairs_bots_bot_id",
                        column: x => x.bot_id,
                        principalTable: "bots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "trades",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bot_id = table.Column<int>(type: "INTEGER", nullable: true),
                    trading_pair_id = table.Column<int>(type: "INTEGER", nullable: true),
                    symbol = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    side = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    price = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    pnl = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    balance_after = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    executed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: true),
                    position_side = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    client_order_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    exchange_order_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    run_id = table.Column<long>(type: "INTEGER", nullable: true),
                    rule = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    filled_quantity = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    fill_price = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    fee = table.Column<decimal>(type: "TEXT", precision: 20, scale: 8, nullable: true),
                    reduce_only = table.Column<bool>(type: "INTEGER", nullable: false),
                    post_only = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trades", x => x.id);
                    table.ForeignKey(
                        name: "fk_trades_bots_bot_id",
                        column: x => x.bot_id,
                        principalTable: "bots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_trades_trading_pairs_trading_pair_id",
                        column: x => x.trading_pair_id,
                        principalTable: "trading_pairs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "idx_api_tokens_hash",
                table: "api_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "idx_audit_log_created_at",
                table: "audit_log",
                column: "created_at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "idx_audit_log_user",
                table: "audit_log",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "idx_backtests_user_newest",
                table: "backtests",
                columns: new[] { "user_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "idx_bot_logs_bot_id",
                table: "bot_logs",
                column: "bot_id");

            migrationBuilder.CreateIndex(
                name: "idx_bot_logs_bot_newest",
                table: "bot_logs",
                columns: new[] { "bot_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "idx_bot_logs_created_at",
                table: "bot_logs",
                column: "created_at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "idx_bot_runs_bot_newest",
                table: "bot_runs",
                columns: new[] { "bot_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "idx_bot_runs_started_at",
                table: "bot_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "idx_bots_status",
                table: "bots",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "idx_bots_user_id",
                table: "bots",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "idx_bot_metrics",
                table: "execution_metrics",
                columns: new[] { "bot_id", "executed_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "idx_metrics_bot_newest",
                table: "execution_metrics",
                columns: new[] { "bot_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "idx_symbol_metrics",
                table: "execution_metrics",
                columns: new[] { "bot_id", "symbol", "executed_at" },
                descending: new[] { false, false, true });

            migrationBuilder.CreateIndex(
                name: "idx_trades_bot_id",
                table: "trades",
                column: "bot_id");

            migrationBuilder.CreateIndex(
                name: "idx_trades_bot_time",
                table: "trades",
                columns: new[] { "bot_id", "executed_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "idx_trades_client_order_id",
                table: "trades",
                column: "client_order_id");

            migrationBuilder.CreateIndex(
                name: "idx_trades_executed_at",
                table: "trades",
                column: "executed_at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_trades_trading_pair_id",
                table: "trades",
                column: "trading_pair_id");

            migrationBuilder.CreateIndex(
                name: "idx_trading_pairs_bot_id",
                table: "trading_pairs",
                column: "bot_id");

            migrationBuilder.CreateIndex(
                name: "ix_users_email",
                table: "users",
                column: "email",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "backtests");

            migrationBuilder.DropTable(
                name: "bot_logs");

            migrationBuilder.DropTable(
                name: "bot_runs");

            migrationBuilder.DropTable(
                name: "execution_metrics");

            migrationBuilder.DropTable(
                name: "notification_settings");

            migrationBuilder.DropTable(
                name: "paper_accounts");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "trades");

            migrationBuilder.DropTable(
                name: "trading_pairs");

            migrationBuilder.DropTable(
                name: "bots");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
