#!/usr/bin/env bash
# Builds the metadata-only Patched.DistributedLock.Core package from its nuspec (a nupkg is a zip with the nuspec at its root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/patched.distributedlock.core.1.0.11.nupkg"
[ -f "$out" ] && [ "$out" -nt "$here/Patched.DistributedLock.Core.nuspec" ] && exit 0
tmp=$(mktemp -d)
cp "$here/Patched.DistributedLock.Core.nuspec" "$tmp/"
(cd "$tmp" && zip -q -X "$out" Patched.DistributedLock.Core.nuspec)
rm -rf "$tmp"
