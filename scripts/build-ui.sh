#!/usr/bin/env bash
# Builds the UI into dist/, which the Rust build embeds in the binary. Files
# whose content did not change keep their modification time, so cargo does
# not rebuild the app when the UI did not change (a second ./scripts/run.sh
# then opens the window in seconds instead of minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
npx vite build --logLevel warn --outDir "$fresh" --emptyOutDir
python3 - "$fresh" dist <<'PY'
import filecmp, os, shutil, sys

fresh, dist = sys.argv[1], sys.argv[2]
wanted = set()
for folder, _, files in os.walk(fresh):
    for name in files:
        rel = os.path.relpath(os.path.join(folder, name), fresh)
        wanted.add(rel)
        src, dst = os.path.join(fresh, rel), os.path.join(dist, rel)
        if not (os.path.isfile(dst) and filecmp.cmp(src, dst, shallow=False)):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
for folder, _, files in os.walk(dist, topdown=False):
    for name in files:
        path = os.path.join(folder, name)
        if os.path.relpath(path, dist) not in wanted:
            os.remove(path)
    if folder != dist and not os.listdir(folder):
        os.rmdir(folder)
PY
