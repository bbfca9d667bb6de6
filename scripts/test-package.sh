#!/usr/bin/env bash
# Installs the .deb that scripts/package.sh builds and checks it as a user
# would meet it: the desktop entry and AppStream file validate, `touchpoint`
# answers from the PATH, the installed app opens its window (under Xvfb) on
# the per-user data folder, an upgrade to a newer package keeps the data,
# and removing the package leaves the data in place.
#
# It installs and removes the package on this machine (as root or through
# sudo) and uses a temporary HOME, so no real user's data is touched. Not
# part of scripts/test.sh: the release build takes several minutes cold.
# Run: ./scripts/test-package.sh (builds the packages first if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
say() { printf '\033[1m[package test]\033[0m %s\n' "$*"; }

for pkg in desktop-file-utils appstream x11-utils xvfb xauth dbus-daemon; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
    { $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$pkg" >/dev/null; }
done

./scripts/package.sh
version=$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')
deb=target/release/bundle/deb/Touchpoint_${version}_amd64.deb
[ -f "$deb" ] || { echo "no $deb" >&2; exit 1; }

work=$(mktemp -d)
cleanup() {
  $SUDO dpkg -r touchpoint >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# The app runs with a home of its own: no real user's data is touched.
home="$work/home"
mkdir -p "$home"
as_user() { env HOME="$home" XDG_DATA_HOME= XDG_CONFIG_HOME= XDG_STATE_HOME= "$@"; }

say "installing $deb"
$SUDO dpkg -i "$deb" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -f -y -qq >/dev/null
dpkg -s touchpoint | grep -q "^Status: install ok installed"
say "dependencies: $(dpkg -s touchpoint | sed -n 's/^Depends: //p')"

say "validating the desktop entry and the AppStream file"
desktop=$(dpkg -L touchpoint | grep '^/usr/share/applications/.*\.desktop$')
desktop-file-validate "$desktop"
appstreamcli validate --no-net --pedantic /usr/share/metainfo/app.touchpoint.desktop.metainfo.xml
grep -q '^Exec=touchpoint' "$desktop"
for size in 32x32 64x64 128x128 256x256 512x512; do
  dpkg -L touchpoint | grep -q "/usr/share/icons/hicolor/$size/apps/touchpoint.png" ||
    { echo "no $size icon in the package" >&2; exit 1; }
done
dpkg -L touchpoint | grep -q '/LICENSE$'

say "touchpoint from the PATH: $(command -v touchpoint)"
[ "$(command -v touchpoint)" = /usr/bin/touchpoint ]
as_user touchpoint --version

say "starting the installed app under Xvfb, as its desktop entry does"
cat > "$work/window.sh" <<'SH'
set -euo pipefail
touchpoint >"$HOME/app.log" 2>&1 &
app=$!
for _ in $(seq 150); do
  if xwininfo -root -tree | grep -q '"Touchpoint"'; then break; fi
  sleep 0.2
done
xwininfo -root -tree | grep '"Touchpoint"' || { cat "$HOME/app.log"; exit 1; }
window=$(xwininfo -root -tree | grep '"Touchpoint"' | awk '{print $1}' | head -n 1)
wm_class=$(xprop -id "$window" WM_CLASS)
echo "WM_CLASS: $wm_class"
# The desktop entry names the window's class (the second string), so the
# dock groups the window under its launcher.
grep -qx "StartupWMClass=$(echo "$wm_class" | sed 's/.*, "\([^"]*\)"$/\1/')" "$DESKTOP_FILE" ||
  { echo "StartupWMClass does not match the window's $wm_class" >&2; exit 1; }
# Painted, not just mapped: the page has drawn more than a few colours.
for _ in $(seq 150); do
  import -window "$window" "$HOME/installed.png" 2>/dev/null || true
  colours=$(convert "$HOME/installed.png" -format %k info: 2>/dev/null || echo 0)
  [ "$colours" -gt 50 ] && break
  sleep 0.2
done
echo "painted with $colours colours"
[ "$colours" -gt 50 ] || { cat "$HOME/app.log"; echo "the window stayed blank" >&2; exit 1; }
kill "$app"
wait "$app" || true
SH
DESKTOP_FILE="$desktop" as_user xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$work/window.sh"
data="$home/.local/share/app.touchpoint.desktop/touchpoint.sqlite3"
[ -f "$data" ] || { echo "the app did not use the per-user data folder ($data)" >&2; exit 1; }
say "it used $data"
cp "$home/installed.png" target/release/bundle/installed-window.png 2>/dev/null || true

say "adding data, then upgrading to a newer package"
printf 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\nEND:VCARD\r\n' >"$work/ada.vcf"
as_user touchpoint import "$work/ada.vcf" >/dev/null
next=$(python3 -c "v='$version'.split('.'); v[-1]=str(int(v[-1])+1); print('.'.join(v))")
npx tauri bundle --bundles deb --ci --config "{\"version\": \"$next\"}" >/dev/null
$SUDO dpkg -i "target/release/bundle/deb/Touchpoint_${next}_amd64.deb" >/dev/null
dpkg -s touchpoint | grep -q "^Version: $next"
as_user touchpoint contacts list | grep -q "Ada Lovelace" || { echo "the data did not survive the upgrade" >&2; exit 1; }
say "upgraded to $next; Ada Lovelace is still there"

say "removing the package"
$SUDO dpkg -r touchpoint >/dev/null
[ ! -e /usr/bin/touchpoint ] || { echo "/usr/bin/touchpoint is still there" >&2; exit 1; }
[ -f "$data" ] || { echo "removing the package removed the data" >&2; exit 1; }
rm -f "target/release/bundle/deb/Touchpoint_${next}_amd64.deb"
say "removed; the data stays in $data"
echo "package test: 1 passed, 0 failed"
