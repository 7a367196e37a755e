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
