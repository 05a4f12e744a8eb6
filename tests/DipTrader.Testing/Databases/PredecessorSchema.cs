namespace DipTrader.Testing.Databases;

/// <summary>
/// The Python predecessor's PostgreSQL schema as its migrations left it (seed/001, 002, 003, and its
/// schema_migrations table), from shared/seed and shared/reference/predecessor-saas.md §3. Used to test
/// that DipTrader adopts such a database in place.
/// </summary>
public static class PredecessorSchema
{
    public const string Migration001 = """
        CREATE TABLE users (
            id SERIAL PRIMARY KEY,
            email VARCHAR(255) UNIQUE NOT NULL,
            password_hash VARCHAR(255) NOT NULL,
            is_active BOOLEAN DEFAULT TRUE,
            plan VARCHAR(20) DEFAULT 'free',
            max_bots INTEGER DEFAULT 1,
            created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
            updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
        );
        CREATE TABLE bots (
            id SERIAL PRIMARY KEY,
            user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
            name VARCHAR(100) NOT NULL,
            exchange VARCHAR(20) NOT NULL,
            testnet BOOLEAN DEFAULT TRUE,
            api_key_encrypted TEXT NOT NULL,
            api_secret_encrypted TEXT NOT NULL,
            status VARCHAR(20) DEFAULT 'stopped',
            created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
            updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
        );
        CREATE TABLE trading_pairs (
            id SERIAL PRIMARY KEY,
            bot_id INTEGER REFERENCES bots(id) ON DELETE CASCADE,
            symbol VARCHAR(20) NOT NULL,
            side VARCHAR(10) NOT NULL,
            leverage INTEGER DEFAULT 10,
            ema_interval INTEGER DEFAULT 1,
            automatic_mode BOOLEAN DEFAULT TRUE,
            config JSONB,
            is_active BOOLEAN DEFAULT TRUE,
            created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
        );
        CREATE TABLE trades (
            id SERIAL PRIMARY KEY,
            bot_id INTEGER REFERENCES bots(id) ON DELETE CASCADE,
            trading_pair_id INTEGER REFERENCES trading_pairs(id),
            symbol VARCHAR(20) NOT NULL,
            action VARCHAR(20) NOT NULL,
            side VARCHAR(10) NOT NULL,
            quantity DECIMAL(20,8),
            price DECIMAL(20,8),
            pnl DECIMAL(20,8),
            balance_after DECIMAL(20,8),
            executed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
            details JSONB
        );
        CREATE TABLE bot_logs (
            id SERIAL PRIMARY KEY,
            bot_id INTEGER REFERENCES bots(id) ON DELETE CASCADE,
            level VARCHAR(10) NOT NULL,
            message TEXT,
            created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
        );
        CREATE INDEX idx_bots_user_id ON bots(user_id);
        CREATE INDEX idx_bots_status ON bots(status);
        CREATE INDEX idx_trading_pairs_bot_id ON trading_pairs(bot_id);
        CREATE INDEX idx_trades_bot_id ON trades(bot_id);
        CREATE INDEX idx_trades_executed_at ON trades(executed_at DESC);
        CREATE INDEX idx_bot_logs_bot_id ON bot_logs(bot_id);
        CREATE INDEX idx_bot_logs_created_at ON bot_logs(created_at DESC);
        CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS TRIGGER AS $$
        BEGIN
            NEW.updated_at = CURRENT_TIMESTAMP;
            RETURN NEW;
        END;
        $$ language 'plpgsql';
        CREATE TRIGGER update_users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
        CREATE TRIGGER update_bots_updated_at BEFORE UPDATE ON bots FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
        """;

    public const string Migration002 = """
        CREATE TABLE IF NOT EXISTS execution_metrics (
            id SERIAL PRIMARY KEY,
            bot_id INTEGER NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
            symbol VARCHAR(20) NOT NULL,
            executed_at TIMESTAMP NOT NULL DEFAULT NOW(),
            total_balance DECIMAL(20, 8),
            position_size DECIMAL(20, 8),
            position_value DECIMAL(20, 8),
            unrealized_pnl DECIMAL(20, 8),
            unrealized_pnl_pct DECIMAL(10, 4),
            margin_level DECIMAL(10, 4),
            entry_price DECIMAL(20, 8),
            current_price DECIMAL(20, 8),
            leverage INTEGER,
            side VARCHAR(10),
            action VARCHAR(20) NOT NULL,
            conclusion TEXT,
            ema_200 DECIMAL(20, 8),
            ema_50 DECIMAL(20, 8),
            execution_time_ms INTEGER,
            created_at TIMESTAMP DEFAULT NOW()
        );
        CREATE INDEX IF NOT EXISTS idx_bot_metrics ON execution_metrics(bot_id, executed_at DESC);
        CREATE INDEX IF NOT EXISTS idx_symbol_metrics ON execution_metrics(bot_id, symbol, executed_at DESC);
        COMMENT ON TABLE execution_metrics IS 'Stores detailed metrics from each bot execution for graphing and analysis';
        """;

    public const string Migration003 = """
        ALTER TABLE users ADD COLUMN IF NOT EXISTS is_admin BOOLEAN DEFAULT FALSE;
        ALTER TABLE users ADD COLUMN IF NOT EXISTS is_approved BOOLEAN DEFAULT TRUE;
        ALTER TABLE users ADD COLUMN IF NOT EXISTS requested_at TIMESTAMP DEFAULT NOW();
        CREATE TABLE IF NOT EXISTS settings (
            key VARCHAR(255) PRIMARY KEY,
            value TEXT,
            updated_at TIMESTAMP DEFAULT NOW()
        );
        INSERT INTO settings (key, value) VALUES ('registration_enabled', 'true') ON CONFLICT (key) DO NOTHING;
        UPDATE users SET is_approved = TRUE WHERE is_approved IS NULL;
        UPDATE users SET is_admin = TRUE WHERE id = 1;
        """;

    public const string SchemaMigrations = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version VARCHAR(255) PRIMARY KEY,
            applied_at TIMESTAMP DEFAULT NOW()
        );
        INSERT INTO schema_migrations (version) VALUES
            ('001_initial_schema.sql'), ('002_add_execution_metrics.sql'), ('003_add_admin_and_approval.sql');
        """;

    /// <summary>Everything, in the order the predecessor's migrate.py applied it.</summary>
    public static string All => string.Join("\n", SchemaMigrations, Migration001, Migration002, Migration003);
}
