# Shared by eng/run.sh and eng/test.sh: install what the repository itself needs, nothing global.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "== npm ci (Azurite, Adaptive Cards renderer and templating, Teams manifest schemas)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Microsoft.Bot.Schema needs AdaptiveCards, which this registry lacks: pack the compatibility package (README: "Why eng/AdaptiveCards").
ensure_compat_package() {
  if [ ! -f eng/feed/AdaptiveCards.3.1.0.1.nupkg ]; then
    echo "== packing the AdaptiveCards 3.1.0.1 compatibility package into eng/feed"
    dotnet pack eng/AdaptiveCards -c Release -o eng/feed --nologo -v quiet >/dev/null
  fi
}

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

wait_for_port() { # port seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1 after $2 s" >&2; return 1
}

# Prints the folder holding PostgreSQL's initdb and pg_ctl. Debian keeps them off PATH in /usr/lib/postgresql/<version>/bin
# (newest first), source builds use /usr/local/pgsql/bin, the PGDG packages /usr/pgsql-<version>/bin, others put them on
# PATH. FEEDBACKBOT_PG_BIN, if set, is tried first.
find_postgres_bin() {
  local candidates=()
  [ -n "${FEEDBACKBOT_PG_BIN:-}" ] && candidates+=("$FEEDBACKBOT_PG_BIN")
  command -v initdb >/dev/null 2>&1 && candidates+=("$(dirname "$(readlink -f "$(command -v initdb)")")")
  command -v pg_config >/dev/null 2>&1 && candidates+=("$(pg_config --bindir 2>/dev/null || true)")
  local dir
  while IFS= read -r dir; do [ -n "$dir" ] && candidates+=("$dir"); done < <(
    { compgen -G '/usr/lib/postgresql/*/bin' || true; } | sort -rV
    echo /usr/local/pgsql/bin
    { compgen -G '/usr/pgsql-*/bin' || true; } | sort -rV)
  for dir in "${candidates[@]}"; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}
