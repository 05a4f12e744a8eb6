# Throwaway PostgreSQL cluster for tests: initdb/pg_ctl under a temp dir, a free loopback port, run as a
# non-root user. Sourced by scripts/test; exports DIPTRADER_TEST_PG (an Npgsql connection string).

pg_bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

ensure_postgres_installed() {
  pg_bin_dir >/dev/null && return 0
  echo "scripts/test: PostgreSQL is not installed; installing it with apt-get." >&2
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin_dir >/dev/null || { echo "scripts/test: could not install PostgreSQL" >&2; return 1; }
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo 55432
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# Starts the cluster and sets PG_TEST_DIR, PG_TEST_PORT and DIPTRADER_TEST_PG.
start_throwaway_postgres() {
  ensure_postgres_installed || return 1
  local bin owner
  bin=$(pg_bin_dir)
  PG_TEST_DIR=$(mktemp -d /tmp/diptrader-pg.XXXXXX)
  PG_TEST_PORT=$(free_port)
  owner=$(id -un)
  if [ "$(id -u)" = "0" ]; then
    # initdb refuses to run as root: use the postgres system user, or make a test user.
    if id postgres >/dev/null 2>&1; then owner=postgres; else
      id diptrader-test >/dev/null 2>&1 || useradd --system --no-create-home diptrader-test
      owner=diptrader-test
    fi
    chown "$owner" "$PG_TEST_DIR"
  fi
  run_as "$owner" "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  run_as "$owner" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_TEST_PORT -k $PG_TEST_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  PG_TEST_OWNER=$owner
  export DIPTRADER_TEST_PG="Host=127.0.0.1;Port=$PG_TEST_PORT;Username=postgres;Password=postgres;Database=postgres"
  echo "scripts/test: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_TEST_PORT ($PG_TEST_DIR)"
}

stop_throwaway_postgres() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  run_as "$PG_TEST_OWNER" "$(pg_bin_dir)/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
  PG_TEST_DIR=
}

run_as() {
  local user=$1
  shift
  if [ "$(id -un)" = "$user" ]; then "$@"; else runuser -u "$user" -- "$@"; fi
}

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi
}
