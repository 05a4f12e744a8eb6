# Chromium for browser tests: Debian's package, never a browser a tool downloads itself.
# Sourced by scripts/test; exports DIPTRADER_CHROMIUM.

ensure_chromium() {
  local path=${DIPTRADER_CHROMIUM:-/usr/bin/chromium}
  if [ ! -x "$path" ]; then
    echo "scripts/test: Chromium is not installed; installing Debian's chromium with apt-get." >&2
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || { echo "scripts/test: could not install chromium" >&2; return 1; }
  fi
  export DIPTRADER_CHROMIUM=$path
  echo "scripts/test: $("$path" --version 2>/dev/null | head -n 1) at $path"
}
