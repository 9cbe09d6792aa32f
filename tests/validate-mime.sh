#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# validate-mime.sh UPDATE-MIME-DATABASE MIME-XML RECORD
# Builds a private MIME database from Consult's definition (which fails on
# a malformed one) and checks that a real record is recognised by content.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mime/packages"
cp "$2" "$tmp/mime/packages/"
"$1" -V "$tmp/mime" >/dev/null 2>&1 || "$1" "$tmp/mime"
test -s "$tmp/mime/mime.cache"
grep -q 'application/x-consult-record' "$tmp/mime/types"
# A record saved the way Consult names it is recognised.
cp "$3" "$tmp/Jane Example - 2026-11-29.consult.xml"
if command -v gio >/dev/null 2>&1; then
  type=$(XDG_DATA_HOME="$tmp" XDG_DATA_DIRS="$tmp:/usr/share" gio info -a standard::content-type "$tmp/Jane Example - 2026-11-29.consult.xml" | sed -n 's/.*standard::content-type: //p')
  echo "content type: $type"
  [ "$type" = "application/x-consult-record" ]
fi
