#!/usr/bin/env bash
# The manifest's ReleaseNotes, derived from CHANGELOG.md: the entry ("## <version>") of LoopbackTools.psd1's
# ModuleVersion, as "<version>" and its bullet lines.
#   bash scripts/release-notes.sh           prints the derived ReleaseNotes
#   bash scripts/release-notes.sh --write   writes them into LoopbackTools.psd1
#   bash scripts/release-notes.sh --check   exits 1 (and says so) when LoopbackTools.psd1 holds something else
# Needs python3 (installed by scripts/test.sh's apt list).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec python3 - "$ROOT" "${1:-}" <<'PY'
import re, sys
root, mode = sys.argv[1], sys.argv[2]
manifest_path, changelog_path = f"{root}/LoopbackTools.psd1", f"{root}/CHANGELOG.md"
manifest = open(manifest_path, encoding="utf-8").read()
version = re.search(r"ModuleVersion\s*=\s*'([^']+)'", manifest).group(1)
changelog = open(changelog_path, encoding="utf-8").read().replace("\r", "")
entry = re.search(r"^## " + re.escape(version) + r"[^\n]*\n(.*?)(?=^## |\Z)", changelog, re.M | re.S)
if entry is None:
    sys.exit(f"CHANGELOG.md has no '## {version}' entry for the manifest's ModuleVersion")
bullets = [line.strip() for line in entry.group(1).split("\n") if line.strip().startswith("- ")]
if not bullets:
    sys.exit(f"CHANGELOG.md's '## {version}' entry lists nothing")
notes = "\n".join([version] + bullets)
quoted = "'" + notes.replace("'", "''") + "'"
current = re.search(r"ReleaseNotes\s*=\s*('(?:[^']|'')*')", manifest)
if current is None:
    sys.exit("LoopbackTools.psd1 has no ReleaseNotes = '...' line")
if mode == "--write":
    if current.group(1) != quoted:
        manifest = manifest[:current.start(1)] + quoted + manifest[current.end(1):]
        open(manifest_path, "w", encoding="utf-8", newline="").write(manifest)
elif mode == "--check":
    if current.group(1) != quoted:
        sys.exit("LoopbackTools.psd1's ReleaseNotes differ from CHANGELOG.md's entry for " + version + ": run bash scripts/release-notes.sh --write")
else:
    print(notes)
PY
