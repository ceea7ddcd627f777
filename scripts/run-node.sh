#!/usr/bin/env bash
# `node "$@"` on a Node that runs Hum's TypeScript (see env.sh, which provides one and the dependencies),
# so the npm scripts that run .ts files (bench, build, update-expected, the tests) work from any shell.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec node "$@"
