#!/bin/sh
# Loads the seeds when the graph is empty, then runs the given command (the API).
set -eu
papers=$(coauthor-kg stats --json | python -c "import json,sys; print(json.load(sys.stdin)['nodes']['Paper'])")
if [ "$papers" = "0" ]; then
  echo "empty graph: loading the seeds"
  coauthor-kg load /app/seeds
fi
exec "$@"
