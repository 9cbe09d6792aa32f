#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# validate-open.sh UPDATE-MIME-DATABASE UPDATE-DESKTOP-DATABASE DESKTOP-FILE MIME-XML RECORD CONSULT
# What a file manager or `gio open` goes by once Consult is installed: in
# a private data folder laid out as an install would be, a record named
# NAME.consult.xml is a Consult record, Consult's desktop file is the
# default application for it, and it is started with the file's path.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
share="$tmp/share"
mkdir -p "$share/mime/packages" "$share/applications" "$tmp/home"
cp "$4" "$share/mime/packages/"
cp "$3" "$share/applications/"
"$1" "$share/mime" >/dev/null
"$2" "$share/applications"
grep -q '^application/x-consult-record=.*io\.github\.consult\.Consult\.desktop' \
  "$share/applications/mimeinfo.cache"

# Only this folder and the system's: not the data of whoever runs it.
HOME="$tmp/home"
XDG_DATA_HOME="$tmp/home/.local/share"
XDG_CONFIG_HOME="$tmp/home/.config"
XDG_DATA_DIRS="$share:/usr/share"
LC_ALL=C
# GIO lists no application whose Exec program is not on the PATH.
PATH="$(dirname "$6"):$PATH"
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_DATA_DIRS LC_ALL PATH

record="$tmp/Jane Example - 2026-03-06.consult.xml"
cp "$5" "$record"
type=$(gio info -a standard::content-type "$record" | sed -n 's/.*standard::content-type: //p')
echo "content type: $type"
[ "$type" = "application/x-consult-record" ]

default=$(gio mime application/x-consult-record | sed -n 's/^Default application for .*: //p')
echo "default application: $default"
[ "$default" = "io.github.consult.Consult.desktop" ]

# Files, not URIs: the application opens local paths, one window each.
grep -q '^Exec=consult %F$' "$share/applications/io.github.consult.Consult.desktop"
