#!/usr/bin/env bash
# Makes a local PostgreSQL server ready for the control plane's second test pass (idempotent):
# installs Debian's postgresql if missing, starts the cluster (there is no systemd in containers
# or CI machines like this one) and creates the role `daytona` (password `daytona`, CREATEDB) that
# the tests use to make and drop their own databases. Needs root.
set -euo pipefail

log() { printf '[postgresql] %s\n' "$*"; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  log "installing postgresql from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
fi

version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $2}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  cluster=main
  log "creating cluster $version/$cluster"
  pg_createcluster "$version" "$cluster" >/dev/null
fi
if ! pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
  log "starting cluster $version/$cluster"
  pg_ctlcluster "$version" "$cluster" start
fi

su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'daytona') THEN
    CREATE ROLE daytona LOGIN CREATEDB PASSWORD 'daytona';
  END IF;
END
$$;
SQL
log "ready: jdbc:postgresql://127.0.0.1:5432/postgres as daytona"
