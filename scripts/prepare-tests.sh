#!/usr/bin/env bash
# Makes this machine ready for `npm test`, so that the README's test command works on a fresh clone of a
# fresh machine: the npm dependencies, the system programs the tests drive for real, and the local
# PostgreSQL, Redis and MariaDB servers. Installs what it can (npm; apt-get as root); otherwise prints one
# line saying what is missing and how to get it, and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[test] %s\n' "$*"; }
fail() { printf '[test] %s\n' "$*" >&2; exit 1; }

# --- npm dependencies: installed when missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
  [ package.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  # `npm ci` refuses lock files without other platforms' optional binaries, which some registries omit.
  npm install --no-audit --no-fund --loglevel=error
fi

# --- System programs the tests drive: Debian package for each.
declare -A needs=(
  [espeak-ng]="command -v espeak-ng"                                  # loudspeaker audio
  [ffmpeg]="command -v ffprobe"                                       # ... recorded bulletins measured
  [wordpress]="test -f /usr/share/wordpress/wp-settings.php"          # the portal adapter's real WordPress
  [wordpress-theme-twentytwentythree]="test -d /usr/share/wordpress/wp-content/themes/twentytwentythree" # ... whose pages need a theme
  [php-cli]="command -v php"                                          # ... served by php -S
  [php-mysql]="php -r 'exit(extension_loaded(\"mysqli\") ? 0 : 1);'" # ... on MariaDB
  [mariadb-server]="test -x /usr/sbin/mariadbd"
  [libreoffice-writer-nogui]="command -v soffice"                     # report DOCX -> PDF
  [poppler-utils]="command -v pdftotext"                              # ... PDF -> text and PNG
  [chromium]="test -x /usr/bin/chromium"                              # browser tests (playwright-core)
)
missing=()
for pkg in $(printf '%s\n' "${!needs[@]}" | sort); do
  eval "${needs[$pkg]}" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && sudo=(sudo -n); }
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ ${#sudo[@]} -gt 0 ]; }; then
    say "installing ${missing[*]} (apt-get, a few minutes the first time)"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    fail "missing ${missing[*]}: install them with 'sudo apt-get install ${missing[*]}' (Debian or Ubuntu), then run npm test again"
  fi
fi

# --- Local servers: started when they are installed here and not answering.
wait_for() { # name, command
  for _ in $(seq 1 60); do
    if eval "$2" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  fail "$1 did not come up; $3"
}

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      say "starting PostgreSQL"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    fi
    wait_for PostgreSQL "pg_isready -h 127.0.0.1 -p 5432" \
      "the tests need PostgreSQL on 127.0.0.1:5432 (user postgres, trust) or TEST_DATABASE_URL"
  fi
fi

if [ -z "${TEST_REDIS_URL:-}" ]; then
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    command -v redis-server >/dev/null 2>&1 ||
      fail "missing redis-server: install it with 'sudo apt-get install redis-server', or set TEST_REDIS_URL"
    say "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir "${TMPDIR:-/tmp}" --logfile "${TMPDIR:-/tmp}/nhip-test-redis.log"
    wait_for Redis "redis-cli -h 127.0.0.1 -p 6379 ping" "see ${TMPDIR:-/tmp}/nhip-test-redis.log"
  fi
fi

if [ -z "${TEST_MARIADB_URL:-}" ] && ! mariadb -h 127.0.0.1 -u root -e "SELECT 1" >/dev/null 2>&1; then
  say "starting MariaDB"
  if [ "$(id -u)" -eq 0 ]; then install -d -o mysql -g mysql /run/mysqld; fi
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_for MariaDB "mariadb -h 127.0.0.1 -u root -e 'SELECT 1'" \
    "the WordPress tests need MariaDB on 127.0.0.1:3306 with root and no password"
fi
