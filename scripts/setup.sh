#!/usr/bin/env bash
# Installs whatever Touchpoint needs to build, run and test that is missing on a
# Debian/Ubuntu machine: system packages, the Rust toolchain's parts, npm
# packages and cargo tools. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Build: WebKitGTK and friends for Tauri. Run/test: a virtual X server, the
# WebDriver for WebKitGTK, a D-Bus session and a notification daemon, and
# libfaketime to run the tests again with the clock moved; xdg-utils, the
# opener "Open log folder" hands the folder to; Radicale, the CardDAV server
# the sync tests run against, its python3-vobject, which also reads the
# import corpus for the import test's independent reference, and openssl,
# which makes the certificates it serves HTTPS with in the TLS tests.
# Tesseract and its English, French, German and Spanish data (half a
# megabyte to two each; the accents of European names) read photos of
# business cards on this machine; ImageMagick renders the test cards;
# xdotool answers the native save dialog in the export test.
APT_PACKAGES=(
  build-essential pkg-config file curl ca-certificates
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth x11-utils imagemagick xdotool
  webkit2gtk-driver dbus-daemon dunst libnotify-bin
  faketime python3 python3-vobject xdg-utils radicale gnome-keyring libsecret-tools dbus-bin openssl
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-deu tesseract-ocr-spa
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Rust, from rustup (Debian's rustc is too old for this code).
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null 2>&1; then
  say "installing the Rust toolchain with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
fi
if command -v rustup >/dev/null 2>&1; then
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || {
      say "adding rustup component $component"
      rustup component add "$component"
    }
  done
fi

# Node.js 20.19+ for Vite 8.
node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! node_ok; then
  say "installing Node.js and npm"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null || true
  node_ok || { echo "Touchpoint needs Node.js 20.19 or newer (found: $(node --version 2>/dev/null || echo none))." >&2; exit 1; }
fi

# npm packages, exactly as locked.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The WebDriver bridge for end-to-end tests through the real window.
TAURI_DRIVER_VERSION=2.1.0
if ! tauri-driver --help >/dev/null 2>&1; then
  say "installing tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION"
fi
