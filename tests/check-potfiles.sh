#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# po/POTFILES.in must list every file with translatable strings, or their
# strings never reach translators, and nothing that does not exist.
#
#   check-potfiles.sh SOURCE_ROOT
set -eu

root=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$root"

listed=$(mktemp)
wanted=$(mktemp)
trap 'rm -f "$listed" "$wanted"' EXIT

grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES.in | sort -u > "$listed"

{
  # C: gettext calls and the marks for strings translated later.
  grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\(' \
    $(find app -name '*.c' -o -name '*.h') || true
  # GtkBuilder files.
  grep -l 'translatable="yes"' $(find ui -name '*.ui') || true
  # Desktop entry, metainfo and settings schema are translated as a whole.
  find data -name '*.desktop.in*' -o -name '*.metainfo.xml.in*' -o -name '*.gschema.xml'
  # Procedure content, through the ITS rules in content/its/.
  grep -l 'urn:consult:procedure:1' $(find content -maxdepth 1 -name '*.xml') || true
} | sed 's|^\./||' | sort -u > "$wanted"

status=0
for file in $(comm -23 "$wanted" "$listed"); do
  echo "po/POTFILES.in: $file has translatable strings but is not listed" >&2
  status=1
done
for file in $(cat "$listed"); do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in: $file is listed but does not exist" >&2
    status=1
  fi
done
if [ "$status" -eq 0 ]; then
  echo "po/POTFILES.in lists all $(wc -l < "$listed") files with translatable strings"
fi
exit "$status"
