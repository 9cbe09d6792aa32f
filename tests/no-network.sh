#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/no-network.sh TEST-EXE...: runs each UI test (full consultations in
# a real window: filling in, signing, saving, opening, printing) under
# strace and fails if any process opened a network socket. Consult never
# uses the network; the only sockets expected are local (AF_UNIX: the X
# server, the print service's socket; AF_NETLINK: the C library asking the
# kernel about local interfaces).
set -eu

if ! command -v strace >/dev/null 2>&1; then
  echo "strace is missing (build-aux/deps.sh installs it)" >&2
  exit 1
fi

# Under the sanitizers (meson test --setup=sanitize) the same UI tests
# already run on their own, and strace on top of ASan only costs minutes:
# sockets are watched in the normal suite.
case "${ASAN_OPTIONS:-}" in
  *detect_leaks*) echo "skipped under the sanitizers"; exit 77 ;;
esac

log=$(mktemp)
trap 'rm -f "$log"' EXIT INT TERM

status=0
for exe in "$@"; do
  name=$(basename "$exe")
  if ! strace -f -qq -e trace=socket,socketpair,connect,sendto,sendmsg -o "$log" "$exe" >/dev/null 2>&1; then
    echo "not ok: $name failed under strace (run it alone to see why)"
    status=1
    continue
  fi
  sockets=$(grep -c 'socket(' "$log" || true)
  # Anything that is not a local socket. A failed socket() (for instance
  # EAFNOSUPPORT) still shows the attempt, which is what matters.
  if grep -E 'socket\((AF_INET|AF_INET6|AF_PACKET|PF_INET|PF_INET6)|sa_family=AF_INET' "$log" >&2; then
    echo "not ok: $name opened a network socket (above)"
    status=1
  else
    echo "ok: $name, $sockets local sockets, no network socket"
  fi
done
exit $status
