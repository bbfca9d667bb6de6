#!/usr/bin/env bash
# Builds Touchpoint's release packages for Linux: a .deb and an .rpm, in
# target/release/bundle/. Installs whatever it needs that is missing (the
# same setup as the other scripts; the Tauri CLI comes with the npm
# packages), then prints each package's size and how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
start=$SECONDS
./scripts/build-ui.sh
cargo build --release --locked
# The binary is built above; `tauri bundle` only packs it (and would rebuild
# the UI through beforeBuildCommand if `tauri build` were used instead).
npx tauri bundle --bundles deb,rpm --ci
echo "Packaged in $((SECONDS - start)) s:"
for package in target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm; do
  [ -e "$package" ] || continue
  bytes=$(stat -c %s "$package")
  printf '  %s  %s bytes (%s MiB)\n' "$package" "$bytes" "$(python3 -c "print(round($bytes / 1048576, 1))")"
done
deb=$(ls -t target/release/bundle/deb/*.deb | head -n 1)
limit=$((10 * 1024 * 1024))
if [ "$(stat -c %s "$deb")" -gt "$limit" ]; then
  echo "the .deb is over its 10 MiB budget" >&2
  exit 1
fi
