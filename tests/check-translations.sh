#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# For every language of po/LINGUAS:
# - the translated content merged at build time validates (schema and the
#   loader's checks, through consult --validate);
# - no screening or consent wording (every message whose context is the id
#   of a screening question or a consent statement) is untranslated or
#   fuzzy against the current English content. The merge would silently
#   keep such a string in English: a client could sign a consent form that
#   is half in a language they do not read.
#
#   check-translations.sh SOURCE_ROOT CONSULT_EXE CONTENT_BUILD_DIR
set -eu

root=${1:?usage: check-translations.sh SOURCE_ROOT CONSULT_EXE CONTENT_BUILD_DIR}
consult=${2:?}
content_build=${3:?}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

content=$(grep -l 'urn:consult:procedure:1' "$root"/content/*.xml)

# The ids of questions and statements, as one extended regular expression.
ids=$(sed -n -e 's/.*<question [^>]*id="\([a-z0-9-]*\)".*/\1/p' \
             -e 's/.*<statement [^>]*id="\([a-z0-9-]*\)".*/\1/p' $content |
      sort -u | paste -s -d '|' -)
if [ -z "$ids" ]; then
  echo "no question or statement ids found in $content" >&2
  exit 1
fi

# The current English strings, extracted with the project's ITS rules.
GETTEXTDATADIRS="$root/content" xgettext --from-code=UTF-8 -o "$work/content.pot" $content

status=0
n_languages=0
for lang in $(grep -v '^#' "$root/po/LINGUAS"); do
  n_languages=$((n_languages + 1))
  po="$root/po/$lang.po"

  if ! "$consult" --validate "$content_build/microneedling.$lang.xml"; then
    echo "$lang: the merged content does not validate" >&2
    status=1
  fi

  msgmerge --quiet --no-wrap "$po" "$work/content.pot" -o "$work/$lang.po"
  for kind in untranslated only-fuzzy; do
    msgattrib --no-wrap --"$kind" "$work/$lang.po" |
      msggrep --no-wrap -J -E -e "^($ids)\$" > "$work/$lang.$kind.po" || true
    count=$(grep -c '^msgctxt' "$work/$lang.$kind.po" || true)
    if [ "$count" -gt 0 ]; then
      echo "po/$lang.po: $count screening or consent strings are ${kind#only-}:" >&2
      grep -A1 '^msgctxt' "$work/$lang.$kind.po" >&2
      status=1
    fi
  done
  if [ "$status" -eq 0 ]; then
    echo "$lang: content validates; every screening and consent string is translated"
  fi
done

if [ "$n_languages" -eq 0 ]; then
  echo "po/LINGUAS lists no language"
fi
exit "$status"
