#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Printing through a real CUPS queue: a private cupsd, listening only on a
# Unix socket in a temporary folder, with a cups-pdf queue that turns each
# job into a PDF. Checks that consult --print RECORD sends a job CUPS
# completes, with the summary's text and as many pages as --export-pdf
# gives, and that consult's own temporary PDF is gone afterwards; that
# --print on a folder's records prints each of them; then prints the same
# record through the print dialog (Ctrl+P, Return), and with --print on
# the paper last chosen there.
#
# Usage: cups-print-test.sh CONSULT_EXE RECORD
# Exit 77 (skip) when not root (cups-pdf reads its per-queue settings from
# /etc/cups), when CUPS or cups-pdf is not installed, or with no display.
set -eu

exe=$1
record=$2

skip () {
  echo "SKIP: $*"
  exit 77
}

[ "$(id -u)" = 0 ] || skip "cups-pdf reads its queue settings from /etc/cups: run as root"
for tool in cupsd lpadmin lpstat pdftotext pdfinfo xdotool; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done
[ -x /usr/lib/cups/backend/cups-pdf ] || skip "printer-driver-cups-pdf is not installed"
ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
[ -f "$ppd" ] || skip "$ppd is missing"
[ -n "${DISPLAY:-}" ] || skip "no display: --print and the dialog need one"

queue="consult-test-$$"
queue_conf="/etc/cups/cups-pdf-$queue.conf"
work=$(mktemp -d "${TMPDIR:-/tmp}/consult-cups.XXXXXX")
cupsd_pid=""
app_pid=""

cleanup () {
  status=$?
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$cupsd_pid" ]; then
    kill "$cupsd_pid" 2>/dev/null || true
    wait "$cupsd_pid" 2>/dev/null || true
  fi
  if [ "$status" != 0 ] && [ "$status" != 77 ] && [ -f "$work/log/error_log" ]; then
    echo "--- cupsd error_log"
    tail -n 30 "$work/log/error_log"
  fi
  rm -f "$queue_conf"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

# Filters and backends run as lp: everything they reach must be reachable.
chmod 0755 "$work"
mkdir -p "$work/etc/ppd" "$work/spool/tmp" "$work/cache" "$work/state" "$work/log" \
  "$work/out" "$work/tmp" "$work/home" "$work/data"
chown root:lp "$work/spool" "$work/spool/tmp" "$work/cache" "$work/state"
chmod 0770 "$work/spool" "$work/spool/tmp" "$work/cache" "$work/state"
chmod 0777 "$work/out"
chmod 0700 "$work/tmp" "$work/home" "$work/data"

socket="$work/cups.sock"
cat >"$work/cupsd.conf" <<EOF
Listen $socket
Browsing No
BrowseLocalProtocols none
WebInterface No
LogLevel info
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
cat >"$work/cups-files.conf" <<EOF
ServerRoot $work/etc
RequestRoot $work/spool
TempDir $work/spool/tmp
CacheDir $work/cache
StateDir $work/state
AccessLog $work/log/access_log
ErrorLog $work/log/error_log
PageLog $work/log/page_log
User lp
Group lp
SystemGroup root
FileDevice No
Printcap $work/printcap
EOF
cat >"$queue_conf" <<EOF
Out $work/out
AnonDirName $work/out
Label 0
UserUMask 0022
Grp lp
EOF

cupsd -f -c "$work/cupsd.conf" -s "$work/cups-files.conf" &
cupsd_pid=$!
for _ in $(seq 1 100); do
  [ -S "$socket" ] && break
  kill -0 "$cupsd_pid" 2>/dev/null || fail "cupsd exited"
  sleep 0.1
done
[ -S "$socket" ] || fail "cupsd did not open $socket"

CUPS_SERVER=$socket
export CUPS_SERVER
lpadmin -p "$queue" -E -v "cups-pdf:/$queue" -P "$ppd" -o pdftops-renderer-default=pdftocairo
lpadmin -d "$queue"

# The app's own environment: its temporary files, saved print settings and
# no session bus (GLib would start a dbus-daemon that outlives the test).
# GTK warns that it cannot reach colord: no G_DEBUG=fatal-warnings here.
TMPDIR="$work/tmp"
HOME="$work/home"
XDG_DATA_HOME="$work/data"
XDG_CONFIG_HOME="$work/home/.config"
XDG_CACHE_HOME="$work/home/.cache"
DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus"
export TMPDIR HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME DBUS_SESSION_BUS_ADDRESS
unset G_DEBUG || true

# Waits up to 20 s for CUPS to complete a job on the queue, then for
# cups-pdf's PDF in $work/out, and prints its path.
wait_for_output () {
  for _ in $(seq 1 200); do
    if lpstat -W completed -o "$queue" | grep -q "^$queue-"; then
      for pdf in "$work/out"/*.pdf; do
        if [ -f "$pdf" ] && pdfinfo "$pdf" >/dev/null 2>&1; then
          echo "$pdf"
          return 0
        fi
      done
    fi
    sleep 0.1
  done
  return 1
}

# Waits up to 30 s for $1 completed jobs and as many PDFs from cups-pdf.
wait_for_outputs () {
  for _ in $(seq 1 300); do
    jobs=$(lpstat -W completed -o "$queue" | grep -c "^$queue-" || true)
    pdfs=0
    for pdf in "$work/out"/*.pdf; do
      [ -f "$pdf" ] && pdfinfo "$pdf" >/dev/null 2>&1 && pdfs=$((pdfs + 1))
    done
    [ "$jobs" -ge "$1" ] && [ "$pdfs" -ge "$1" ] && return 0
    sleep 0.1
  done
  return 1
}

purge () {
  rm -f "$work/out"/*.pdf
  cancel -a -x "$queue"
  : >"$work/log/page_log"
  [ -z "$(lpstat -W completed -o "$queue")" ] || fail "the completed jobs could not be purged"
}

expected_pages () {
  sed -n 's/^Pages: *//p' "$work/export-info.txt"
}

check_output () {
  what=$1
  pdf=$2
  pdftotext -layout "$pdf" "$work/out.txt"
  grep -q "Jane Example" "$work/out.txt" || fail "$what: the printed PDF lacks the client's name"
  grep -q "Page 1 of" "$work/out.txt" || fail "$what: the printed PDF lacks \"Page 1 of\""
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  [ "$pages" = "$(expected_pages)" ] \
    || fail "$what: $pages pages printed, $(expected_pages) exported"
  # The app's own margins (18 mm, 51 pt), although cups-pdf reports none.
  left=$(pdftotext -f 1 -l 1 -bbox "$pdf" - \
    | sed -n 's/.*<word xMin="\([0-9.]*\)".*/\1/p' | sort -n | head -n 1)
  awk -v left="$left" 'BEGIN { exit !(left >= 50) }' \
    || fail "$what: text starts $left pt from the left edge, inside the 18 mm margin"
  # The job finished, as CUPS says (wait_for_output waited for it), and
  # its pages were logged.
  grep -q "^$queue " "$work/log/page_log" || fail "$what: CUPS's page_log has no page of the job"
  echo "ok: $what: $pages pages, left margin $left pt"
}

# The reference: the same summary exported with no printer at all.
"$exe" --export-pdf "$work/export.pdf" "$record"
pdfinfo "$work/export.pdf" >"$work/export-info.txt"

# 1. Batch printing, to the named queue.
"$exe" --print "$record" --printer "$queue" || fail "consult --print exited with $?"
pdf=$(wait_for_output) || fail "--print: cups-pdf wrote no PDF within 20 s"
check_output "--print" "$pdf"
leftovers=$(ls -A "$work/tmp")
[ -z "$leftovers" ] || fail "--print left temporary files behind: $leftovers"

# An unknown printer is named, with status 1; a record that cannot be
# read is named, and the others still print.
if "$exe" --print "$record" --printer "no-such-printer" 2>"$work/err.txt"; then
  fail "--print to an unknown printer succeeded"
fi
grep -q "no-such-printer" "$work/err.txt" || fail "the unknown printer is not named: $(cat "$work/err.txt")"
[ -z "$(ls -A "$work/tmp")" ] || fail "--print left temporary files behind after an error"

rm -f "$work/out"/*.pdf
cancel -a -x "$queue"
: >"$work/log/page_log"
[ -z "$(lpstat -W completed -o "$queue")" ] || fail "the completed jobs could not be purged"

# A record that cannot be read is named, with status 1, and the others
# still print.
bad="$(dirname "$record")/bad/tampered.xml"
if "$exe" --print "$bad" "$record" --printer "$queue" 2>"$work/err.txt"; then
  fail "--print of a modified record succeeded"
fi
grep -q "tampered.xml" "$work/err.txt" || fail "the bad record is not named: $(cat "$work/err.txt")"
pdf=$(wait_for_output) || fail "--print: the good record was not printed after a bad one"
check_output "--print after a bad record" "$pdf"
[ -z "$(ls -A "$work/tmp")" ] || fail "--print left temporary files behind after a bad record"

purge

# A folder's records, as `consult --print FOLDER/*.consult.xml` gives
# them: one job each, each with its own client.
records="$(dirname "$record")"
mkdir "$work/folder"
for name in complete deferred not-suitable unsigned-draft; do
  cp "$records/$name.xml" "$work/folder/$name.consult.xml"
done
"$exe" --print "$work/folder"/*.consult.xml --printer "$queue" \
  || fail "--print of a folder's records exited with $?"
wait_for_outputs 4 || fail "--print of 4 records: $(ls "$work/out" | wc -l) PDFs within 30 s"
for client in "Jane Example" "John Sample" "Sam Placeholder" "Robin Draft"; do
  found=""
  for pdf in "$work/out"/*.pdf; do
    pdftotext "$pdf" - | grep -q "$client" && found=$pdf
  done
  [ -n "$found" ] || fail "--print of a folder: no printed PDF has $client"
done
[ "$(grep -c "^$queue " "$work/log/page_log")" -ge 4 ] \
  || fail "--print of a folder: CUPS logged pages of fewer than 4 jobs"
[ -z "$(ls -A "$work/tmp")" ] || fail "--print of a folder left temporary files behind"
echo "ok: --print of a folder: 4 records, 4 jobs"
purge

# 2. The print dialog: Ctrl+P in the record's window, then Return, which
# presses Print on the printer CUPS calls the default. The record is
# signed, so no draft warning comes first.
"$exe" "$record" &
app_pid=$!
window=""
for _ in $(seq 1 100); do
  # By name: GTK 4.8 sets no _NET_WM_PID, and its 1x1 leader window is
  # never visible.
  window=$(xdotool search --onlyvisible --name '^Consult$' 2>/dev/null | head -n 1) || true
  [ -n "$window" ] && break
  kill -0 "$app_pid" 2>/dev/null || fail "consult RECORD exited"
  sleep 0.1
done
[ -n "$window" ] || fail "the record's window did not appear"
sleep 0.5
xdotool windowfocus --sync "$window" key ctrl+p
dialog=""
for _ in $(seq 1 100); do
  dialog=$(xdotool search --onlyvisible --name '^Print$' 2>/dev/null | head -n 1) || true
  [ -n "$dialog" ] && break
  sleep 0.1
done
[ -n "$dialog" ] || fail "the print dialog did not appear"
# The dialog asks CUPS for its printers: let it list and select one.
sleep 2
xdotool windowfocus --sync "$dialog" key Return
pdf=$(wait_for_output) || fail "dialog: cups-pdf wrote no PDF within 20 s"
check_output "dialog" "$pdf"
# The page setup chosen in the dialog is kept for the next print.
[ -f "$XDG_DATA_HOME/consult/page-setup.ini" ] || fail "dialog: the page setup was not saved"

# 3. --print on the paper last chosen in the dialog: US Letter here,
# where the locale's paper is A4, with the app's margins still.
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""
purge
cat >"$XDG_DATA_HOME/consult/page-setup.ini" <<EOF
[Page Setup]
PPDName=Letter
DisplayName=US Letter
Width=215.9
Height=279.4
MarginTop=6.35
MarginBottom=6.35
MarginLeft=6.35
MarginRight=6.35
Orientation=portrait
EOF
"$exe" --print "$record" --printer "$queue" || fail "--print on Letter exited with $?"
pdf=$(wait_for_output) || fail "--print on Letter: cups-pdf wrote no PDF within 20 s"
size=$(pdfinfo "$pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1x\2/p')
[ "$size" = "612x792" ] || fail "--print on the saved Letter paper printed on $size pt"
check_output "--print on Letter" "$pdf"
echo "ok: --print on the saved paper: $size pt"

# 4. A landscape page setup saved from the dialog: --print still prints
# the summary upright, page for page as exported, not shrunk sideways.
purge
sed -i 's/^Orientation=portrait$/Orientation=landscape/' "$XDG_DATA_HOME/consult/page-setup.ini"
"$exe" --print "$record" --printer "$queue" || fail "--print with a landscape setup exited with $?"
pdf=$(wait_for_output) || fail "--print with a landscape setup: cups-pdf wrote no PDF within 20 s"
size=$(pdfinfo "$pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1x\2/p')
[ "$size" = "612x792" ] || fail "--print with a landscape setup printed on $size pt"
check_output "--print with a landscape setup" "$pdf"
