#!/usr/bin/env bash
# Set up (Node 24 if needed, dependencies) and synthesise instructions from the embedded example.
# Offline: no network beyond the npm install, no LLM.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
bin/hum.js synth --config examples/hum.yaml
