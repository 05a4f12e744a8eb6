-- DipTrader's first PostgreSQL migration. Safe on an empty database and on a database created by the
-- Python predecessor (seed schema + its migrations 002 and 003): nothing is dropped, no row is lost.

-- 1. The predecessor's schema, exactly as it made it, created only where missing.
CREATE TABLE IF NOT EXISTS users (
    id SERIAL PRIMARY KEY,
    email VARCHAR(255) UNIQUE NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    is_active BOOLEAN DEFAULT TRUE,
    plan VARCHAR(20) DEFAULT 'free',
    max_bots INTEGER DEFAULT 1,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
ALTER TABLE users ADD COLUMN IF NOT EXISTS is_admin BOOLEAN DEFAULT FALSE;
ALTER TABLE users ADD COLUMN IF NOT EXISTS is_approved BOOLEAN DEFAULT TRUE;
ALTER TABLE users ADD COLUMN IF NOT EXISTS requested_at TIMESTAMP DEFAULT NOW();

CREATE TABLE IF NOT EXISTS bots (
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

CREATE TABLE IF NOT EXISTS trading_pairs (
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

CREATE TABLE IF NOT EXISTS trades (
    id SERIAL PRIMARY KEY,
    bot_id INTEGER REFERENCES bots(id) ON DELETE CASCADE,
    trading_pair_id INTEGER,
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

CREATE TABLE IF NOT EXISTS bot_logs (
    id SERIAL PRIMARY KEY,
    bot_id INTEGER REFERENCES bots(id) ON DELETE CASCADE,
    level VARCHAR(10) NOT NULL,
    message TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS execution_metrics (
    id SERIAL PRIMARY KEY,
    bot_id INTEGER NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
    symbol VARCHAR(20) NOT NULL,
    executed_at TIMESTAMP NOT NULL DEFAULT NOW(),
    total_balance DECIMAL(20,8),
    position_size DECIMAL(20,8),
    position_value DECIMAL(20,8),
    unrealized_pnl DECIMAL(20,8),
    unrealized_pnl_pct DECIMAL(10,4),
    margin_level DECIMAL(10,4),
    entry_price DECIMAL(20,8),
    current_price DECIMAL(20,8),
    leverage INTEGER,
    side VARCHAR(10),
    action VARCHAR(20) NOT NULL,
    conclusion TEXT,
    ema_200 DECIMAL(20,8),
    ema_50 DECIMAL(20,8),
    execution_time_ms INTEGER,
    created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS settings (
    key VARCHAR(255) PRIMARY KEY,
    value TEXT,
    updated_at TIMESTAMP DEFAULT NOW()
);
INSERT INTO settings (key, value) VALUES ('registration_enabled', 'true') ON CONFLICT DO NOTHING;

CREATE INDEX IF NOT EXISTS idx_bots_user_id ON bots(user_id);
CREATE INDEX IF NOT EXISTS idx_bots_status ON bots(status);
CREATE INDEX IF NOT EXISTS idx_trading_pairs_bot_id ON trading_pairs(bot_id);
CREATE INDEX IF NOT EXISTS idx_trades_bot_id ON trades(bot_id);
CREATE INDEX IF NOT EXISTS idx_trades_executed_at ON trades(executed_at DESC);
CREATE INDEX IF NOT EXISTS idx_bot_logs_bot_id ON bot_logs(bot_id);
CREATE INDEX IF NOT EXISTS idx_bot_logs_created_at ON bot_logs(created_at DESC);
CREATE INDEX IF NOT EXISTS idx_bot_metrics ON execution_metrics(bot_id, executed_at DESC);
CREATE INDEX IF NOT EXISTS idx_symbol_metrics ON execution_metrics(bot_id, symbol, executed_at DESC);

-- 2. Values the predecessor allowed to be NULL but always wrote: fill any gap with the column's own
--    default, then require them (DipTrader's model reads them as plain values).
UPDATE users SET is_active = TRUE WHERE is_active IS NULL;
UPDATE users SET plan = 'free' WHERE plan IS NULL;
UPDATE users SET max_bots = 1 WHERE max_bots IS NULL;
UPDATE users SET created_at = NOW() WHERE created_at IS NULL;
UPDATE users SET updated_at = created_at WHERE updated_at IS NULL;
UPDATE users SET is_admin = FALSE WHERE is_admin IS NULL;
UPDATE users SET is_approved = TRUE WHERE is_approved IS NULL;
ALTER TABLE users
    ALTER COLUMN is_active SET NOT NULL, ALTER COLUMN plan SET NOT NULL, ALTER COLUMN max_bots SET NOT NULL,
    ALTER COLUMN created_at SET NOT NULL, ALTER COLUMN updated_at SET NOT NULL,
    ALTER COLUMN is_admin SET NOT NULL, ALTER COLUMN is_approved SET NOT NULL;

UPDATE bots SET testnet = TRUE WHERE testnet IS NULL;
UPDATE bots SET status = 'stopped' WHERE status IS NULL;
UPDATE bots SET created_at = NOW() WHERE created_at IS NULL;
UPDATE bots SET updated_at = created_at WHERE updated_at IS NULL;
ALTER TABLE bots
    ALTER COLUMN testnet SET NOT NULL, ALTER COLUMN status SET NOT NULL,
    ALTER COLUMN created_at SET NOT NULL, ALTER COLUMN updated_at SET NOT NULL;

UPDATE trading_pairs SET leverage = 10 WHERE leverage IS NULL;
UPDATE trading_pairs SET ema_interval = 1 WHERE ema_interval IS NULL;
-- Except where the predecessor read a NULL as "no": its engine ran only pairs WHERE is_active = true and
-- turned automatic_mode into SYMBOL:Side:None (not automatic), and its pages showed both as off. Such a pair
-- neither traded nor opened positions; after the upgrade it still does not.
UPDATE trading_pairs SET automatic_mode = FALSE WHERE automatic_mode IS NULL;
UPDATE trading_pairs SET is_active = FALSE WHERE is_active IS NULL;
UPDATE trading_pairs SET created_at = NOW() WHERE created_at IS NULL;
ALTER TABLE trading_pairs
    ALTER COLUMN leverage SET NOT NULL, ALTER COLUMN ema_interval SET NOT NULL,
    ALTER COLUMN automatic_mode SET NOT NULL, ALTER COLUMN is_active SET NOT NULL, ALTER COLUMN created_at SET NOT NULL;

-- 3. DipTrader's columns on the predecessor's tables.
ALTER TABLE users ADD COLUMN IF NOT EXISTS failed_login_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN IF NOT EXISTS locked_until TIMESTAMP;
ALTER TABLE users ADD COLUMN IF NOT EXISTS last_login_at TIMESTAMP;
ALTER TABLE users ADD COLUMN IF NOT EXISTS security_stamp VARCHAR(64) NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text);

ALTER TABLE bots ADD COLUMN IF NOT EXISTS api_key_hint VARCHAR(8);
ALTER TABLE bots ADD COLUMN IF NOT EXISTS run_every_minutes INTEGER NOT NULL DEFAULT 5;
ALTER TABLE bots ADD COLUMN IF NOT EXISTS last_run_at TIMESTAMP;
ALTER TABLE bots ADD COLUMN IF NOT EXISTS next_run_at TIMESTAMP;
ALTER TABLE bots ADD COLUMN IF NOT EXISTS last_error TEXT;
ALTER TABLE bots ADD COLUMN IF NOT EXISTS consecutive_failures INTEGER NOT NULL DEFAULT 0;

ALTER TABLE trading_pairs ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP;
ALTER TABLE trading_pairs ADD COLUMN IF NOT EXISTS alert_state TEXT;
ALTER TABLE trading_pairs ADD COLUMN IF NOT EXISTS exchange_leverage INTEGER;

ALTER TABLE trades ADD COLUMN IF NOT EXISTS position_side VARCHAR(10);
ALTER TABLE trades ADD COLUMN IF NOT EXISTS client_order_id VARCHAR(40);
ALTER TABLE trades ADD COLUMN IF NOT EXISTS exchange_order_id VARCHAR(64);
ALTER TABLE trades ADD COLUMN IF NOT EXISTS run_id BIGINT;
ALTER TABLE trades ADD COLUMN IF NOT EXISTS rule VARCHAR(8);
ALTER TABLE trades ADD COLUMN IF NOT EXISTS status VARCHAR(20);
ALTER TABLE trades ADD COLUMN IF NOT EXISTS filled_quantity DECIMAL(20,8);
ALTER TABLE trades ADD COLUMN IF NOT EXISTS fill_price DECIMAL(20,8);
ALTER TABLE trades ADD COLUMN IF NOT EXISTS fee DECIMAL(20,8);
ALTER TABLE trades ADD COLUMN IF NOT EXISTS reduce_only BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE trades ADD COLUMN IF NOT EXISTS post_only BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE trades ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP;
-- The predecessor's pair reference had no ON DELETE (deleting a pair with trades failed); history now
-- outlives the pair.
ALTER TABLE trades DROP CONSTRAINT IF EXISTS trades_trading_pair_id_fkey;
ALTER TABLE trades DROP CONSTRAINT IF EXISTS fk_trades_trading_pairs_trading_pair_id;
ALTER TABLE trades ADD CONSTRAINT fk_trades_trading_pairs_trading_pair_id
    FOREIGN KEY (trading_pair_id) REFERENCES trading_pairs(id) ON DELETE SET NULL;

ALTER TABLE bot_logs ADD COLUMN IF NOT EXISTS run_id BIGINT;
ALTER TABLE bot_logs ADD COLUMN IF NOT EXISTS symbol VARCHAR(20);

ALTER TABLE execution_metrics ADD COLUMN IF NOT EXISTS run_id BIGINT;
ALTER TABLE execution_metrics ADD COLUMN IF NOT EXISTS trading_pair_id INTEGER;
ALTER TABLE execution_metrics ADD COLUMN IF NOT EXISTS rule VARCHAR(8);
ALTER TABLE execution_metrics ADD COLUMN IF NOT EXISTS decision VARCHAR(10);
ALTER TABLE execution_metrics ADD COLUMN IF NOT EXISTS ema_100h1 DECIMAL(20,8);
ALTER TABLE execution_metrics ADD COLUMN IF NOT EXISTS details JSONB;


-- 4. DipTrader's own tables.
CREATE TABLE IF NOT EXISTS audit_log (
    id BIGSERIAL PRIMARY KEY,
    user_id INTEGER,
    action VARCHAR(64) NOT NULL,
    target_type VARCHAR(32),
    target_id INTEGER,
    ip_address VARCHAR(64),
    details TEXT,
    created_at TIMESTAMP NOT NULL DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS api_tokens (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name VARCHAR(100) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    prefix VARCHAR(16) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT NOW(),
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS notification_settings (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    telegram_bot_token_encrypted TEXT,
    telegram_chat_id_encrypted TEXT,
    enabled BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMP NOT NULL DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS bot_runs (
    id BIGSERIAL PRIMARY KEY,
    bot_id INTEGER NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
    scheduled_at TIMESTAMP,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    outcome VARCHAR(16) NOT NULL,
    pairs_ok INTEGER NOT NULL DEFAULT 0,
    pairs_failed INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER,
    error TEXT,
    instance VARCHAR(100)
);

CREATE TABLE IF NOT EXISTS paper_accounts (
    bot_id INTEGER PRIMARY KEY REFERENCES bots(id) ON DELETE CASCADE,
    state JSONB NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS backtests (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name VARCHAR(100) NOT NULL,
    status VARCHAR(16) NOT NULL,
    progress INTEGER NOT NULL DEFAULT 0,
    request JSONB NOT NULL,
    report JSONB,
    error TEXT,
    created_at TIMESTAMP NOT NULL DEFAULT NOW(),
    finished_at TIMESTAMP
);

-- 5. Indexes for every paged query.
CREATE UNIQUE INDEX IF NOT EXISTS idx_api_tokens_hash ON api_tokens(token_hash);
CREATE INDEX IF NOT EXISTS ix_api_tokens_user_id ON api_tokens(user_id);
CREATE INDEX IF NOT EXISTS idx_audit_log_created_at ON audit_log(created_at DESC);
CREATE INDEX IF NOT EXISTS idx_audit_log_user ON audit_log(user_id, created_at);
CREATE INDEX IF NOT EXISTS idx_backtests_user_newest ON backtests(user_id, id DESC);
CREATE INDEX IF NOT EXISTS idx_bot_logs_bot_newest ON bot_logs(bot_id, id DESC);
CREATE INDEX IF NOT EXISTS idx_bot_runs_bot_newest ON bot_runs(bot_id, id DESC);
CREATE INDEX IF NOT EXISTS idx_bot_runs_started_at ON bot_runs(started_at);
CREATE INDEX IF NOT EXISTS idx_metrics_bot_newest ON execution_metrics(bot_id, id DESC);
CREATE INDEX IF NOT EXISTS idx_trades_bot_time ON trades(bot_id, executed_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_trades_client_order_id ON trades(client_order_id);
CREATE INDEX IF NOT EXISTS ix_trades_trading_pair_id ON trades(trading_pair_id);
