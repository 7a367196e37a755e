#!/usr/bin/env bash
# Runs the bot on http://localhost:3978 with Azurite started for it; data persists in .data/azurite (git-ignored).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_node_modules
ensure_compat_package

connection="${Storage__ConnectionString:-UseDevelopmentStorage=true}"
if [ "$connection" = "UseDevelopmentStorage=true" ]; then
  mkdir -p .data/azurite
  if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
    echo "== something already listens on 10002; using it as Azurite"
  else
    echo "== starting Azurite (tables on 127.0.0.1:10002, data in .data/azurite)"
    node node_modules/azurite/dist/src/table/main.js --location .data/azurite --skipApiVersionCheck --disableTelemetry --silent \
      --tableHost 127.0.0.1 --tablePort 10002 >.data/azurite.log 2>&1 &
    azurite=$!
    trap 'kill $azurite 2>/dev/null || true' EXIT INT TERM
    wait_for_port 10002 30
  fi
fi

echo "== FeedbackBot on http://localhost:3978 (try it: /playground; Teams: /api/messages, Slack: /api/slack/*, /health, /hangfire)"
dotnet run --project src/FeedbackBot --launch-profile FeedbackBot "$@"
