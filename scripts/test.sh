#!/usr/bin/env bash
# The test command: type check, lint and the whole test suite, on a Node that fits.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
npm test
