#!/usr/bin/env bash
# Runs every test: unit tests, in-process HTTP tests against real Azurite (started by the tests),
# Hangfire on a private PostgreSQL cluster (started here), cards in headless Chromium. Ends with "N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_node_modules
ensure_compat_package

if ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is missing: the card tests render with the official Adaptive Cards renderer in it. Install it: apt-get install chromium" >&2
fi

work="$(mktemp -d /tmp/feedbackbot-test.XXXXXX)"
cleanup() {
  if [ -n "${pg_data:-}" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_data="$work/pg"; mkdir -p "$pg_data"
  [ "$(id -u)" = 0 ] && chown -R postgres "$work"
  port="$(free_port)"
  as_postgres "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg.log" -w \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  export FEEDBACKBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "== PostgreSQL $(basename "$(dirname "$pg_bin")") on 127.0.0.1:$port (private cluster for Hangfire tests)"
else
  echo "PostgreSQL is missing: the Hangfire-on-PostgreSQL tests need it. Install it: apt-get install postgresql" >&2
fi

dotnet build FeedbackBot.sln --nologo -v quiet -clp:ErrorsOnly
set +e
dotnet test FeedbackBot.sln --no-build --nologo 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "the test run itself failed (exit $status)" >&2; fi
echo "$passed passed, $failed failed"
exit "$status"
