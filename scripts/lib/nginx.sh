# nginx for the deploy tests: Debian's package, run by the tests as the current user against deploy/nginx.
# Sourced by scripts/test; exports DIPTRADER_NGINX.

ensure_nginx() {
  local path=${DIPTRADER_NGINX:-/usr/sbin/nginx}
  if [ ! -x "$path" ]; then
    echo "scripts/test: nginx is not installed; installing Debian's nginx with apt-get." >&2
    # The package would start a system nginx on 0.0.0.0:80; the tests start their own on loopback, so keep it off.
    local policy=/usr/sbin/policy-rc.d added=""
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && added=1
    fi
    local status=0
    { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; } || status=$?
    [ -n "$added" ] && as_root rm -f "$policy"
    [ "$status" = 0 ] || { echo "scripts/test: could not install nginx" >&2; return 1; }
  fi
  export DIPTRADER_NGINX=$path
  echo "scripts/test: $("$path" -v 2>&1 | head -n 1) at $path"
}
