#!/usr/bin/env bash
# The sync benchmark against a real CardDAV server: starts Radicale on
# 127.0.0.1 with a storage folder and a user of its own, runs
# `cargo bench -p touchpoint-core --bench sync` against it, and stops it.
# Arguments go to the benchmark (a contact count: ./scripts/bench-sync.sh 2000).
# SYNC_BENCH_LOG=FILE keeps Radicale's log there: each request and how long
# the server took over it.
# SYNC_BENCH_STORAGE=DIR keeps Radicale's items under DIR instead of a
# temporary folder on disk: on a tmpfs (/dev/shm) its fsync per item costs
# nothing, which separates the server's disk from the client and protocol.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v radicale >/dev/null || { echo "radicale is missing (scripts/setup.sh installs it)" >&2; exit 1; }
work=$(mktemp -d "${SYNC_BENCH_STORAGE:-${TMPDIR:-/tmp}}/bench-sync.XXXXXX")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "bench:bench" > "$work/users"
radicale --server-hosts "127.0.0.1:$port" --auth-type htpasswd \
  --auth-htpasswd-filename "$work/users" --auth-htpasswd-encryption plain \
  --storage-filesystem-folder "$work/storage" --rights-type owner_only \
  --logging-level info >"${SYNC_BENCH_LOG:-/dev/null}" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
SYNC_BENCH_URL="http://127.0.0.1:$port/" SYNC_BENCH_USER=bench SYNC_BENCH_PASSWORD=bench \
  cargo bench -p touchpoint-core --bench sync -- "$@"
