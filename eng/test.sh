#!/usr/bin/env bash
# Runs every test of every test project: the core's unit tests, in-process HTTP tests against real Azurite (started by
# the tests), Hangfire on a private PostgreSQL cluster (started here), cards and manifests against the official JS tools
# and headless Chromium. Ends with "N passed, N failed", summed over all projects. For a quicker run without the tools,
# see README "Tests" (the Needs trait).
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

if pg_bin="$(find_postgres_bin)"; then
  pg_data="$work/pg"; mkdir -p "$pg_data"
  [ "$(id -u)" = 0 ] && chown -R postgres "$work"
  port="$(free_port)"
  as_postgres "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg.log" -w \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  export FEEDBACKBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "== $("$pg_bin/initdb" --version | sed 's/^initdb (PostgreSQL)/PostgreSQL/') from $pg_bin on 127.0.0.1:$port (private cluster for the Needs=PostgreSQL tests)"
else
  cat >&2 <<'MISSING'
PostgreSQL is missing: no initdb/pg_ctl on PATH, in `pg_config --bindir`, /usr/lib/postgresql/*/bin, /usr/local/pgsql/bin
or /usr/pgsql-*/bin, so the Hangfire-on-PostgreSQL tests (trait Needs=PostgreSQL) will fail. Install it:
apt-get install postgresql (Debian, Ubuntu) or dnf install postgresql-server (Fedora, RHEL),
or set FEEDBACKBOT_PG_BIN to the folder that holds initdb and pg_ctl.
MISSING
fi

dotnet build FeedbackBot.sln --nologo -v quiet -clp:ErrorsOnly

# The .editorconfig check: drift is caught here, not in review (FEEDBACKBOT_FORMAT_CHECK=0 skips it for a quick local run).
format_failed=0
if [ "${FEEDBACKBOT_FORMAT_CHECK:-1}" = 1 ]; then
  echo "== dotnet format --verify-no-changes (.editorconfig)"
  if ! dotnet format FeedbackBot.sln --no-restore --verify-no-changes; then
    format_failed=1
    echo "dotnet format would change the files above: run \`dotnet format FeedbackBot.sln\` and commit the result." >&2
  fi
fi

set +e
dotnet test FeedbackBot.sln --no-build --nologo 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "the test run itself failed (exit $status)" >&2; fi
if [ "$format_failed" -eq 1 ]; then failed=$((failed + 1)); status=1; echo "the format check failed (counted as one failure)" >&2; fi
echo "$passed passed, $failed failed"
exit "$status"
