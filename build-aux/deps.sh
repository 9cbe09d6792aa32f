# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by ./run and ./test: finds the Debian/Ubuntu packages that are
# missing and installs them with apt-get (as root, or through sudo).

# What it takes to build and start Consult. librsvg2-common is gdk-pixbuf's
# SVG loader, which renders the window icon's bitmaps at build time
# (build-aux/render-icon.c); GTK only recommends it.
BUILD_PACKAGES="
  meson ninja-build pkg-config gcc
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libxml2-dev
  librsvg2-common
  gettext itstool desktop-file-utils appstream
"

# What the tests need on top: the check library, a headless X server,
# poppler to read PDFs back, xmllint, locales and fonts; CUPS with the
# cups-pdf printer and xdotool for printing through a real queue and the
# print dialog; strace to watch that a consultation opens no network socket.
TEST_PACKAGES="
  check xvfb xauth poppler-utils libxml2-utils locales strace
  fonts-dejavu-core fonts-cantarell
  cups cups-client cups-bsd printer-driver-cups-pdf xdotool
"

# What the hardening stages of ./test (not --quick) need on top: clang for
# libFuzzer, valgrind; and clang's runtime libraries (clang_rt_package).
HARDENING_PACKAGES="
  clang valgrind
"

# The package with libFuzzer for the installed clang: libclang-rt-14-dev on
# Debian 12 (clang 14), libclang-rt-18-dev on Ubuntu 24.04.
clang_rt_package () {
  printf 'libclang-rt-%s-dev' "$(clang -dumpversion | cut -d. -f1)"
}

missing_packages () {
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      printf '%s ' "$pkg"
    fi
  done
}

ensure_packages () {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "This script installs dependencies with apt-get (Debian 12, Ubuntu 24.04 or newer)." >&2
    echo "On another system, install the equivalents of: $*" >&2
    exit 1
  fi

  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0

  echo "Installing missing packages: $missing"
  if [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
    sudo="sudo"
  else
    echo "Cannot install packages: not root and no usable sudo. Run this, then try again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing" >&2
    exit 1
  fi

  # shellcheck disable=SC2086
  $sudo apt-get update -q || true
  # shellcheck disable=SC2086
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing

  missing=$(missing_packages "$@")
  if [ -n "$missing" ]; then
    echo "These packages are still missing: $missing" >&2
    exit 1
  fi
}

# Generates the locales the translation tests run under (de_DE.UTF-8),
# when they are not there yet: Debian enables them in /etc/locale.gen and
# runs locale-gen; Ubuntu's locale-gen takes the names.
missing_locales () {
  for name in "$@"; do
    # locale -a spells de_DE.UTF-8 as de_DE.utf8.
    short=$(printf '%s' "$name" | sed 's/\.UTF-8$/.utf8/')
    locale -a 2>/dev/null | grep -qx -e "$name" -e "$short" || printf '%s ' "$name"
  done
}

ensure_locales () {
  missing=$(missing_locales "$@")
  [ -z "$missing" ] && return 0

  echo "Generating missing locales: $missing"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  if [ -f /etc/locale.gen ]; then
    for name in $missing; do
      if grep -q "^# *$name UTF-8" /etc/locale.gen; then
        $sudo sed -i "s/^# *\($name UTF-8\)/\1/" /etc/locale.gen
      elif ! grep -q "^$name UTF-8" /etc/locale.gen; then
        echo "$name UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
      fi
    done
    $sudo locale-gen
  fi
  missing=$(missing_locales "$@")
  # shellcheck disable=SC2086
  [ -n "$missing" ] && $sudo locale-gen $missing
  missing=$(missing_locales "$@")
  if [ -n "$missing" ]; then
    echo "These locales are still missing: $missing" >&2
    exit 1
  fi
}

# Configures build/ (once) with the given options, then compiles.
configure_and_build () {
  if [ -f build/build.ninja ]; then
    # shellcheck disable=SC2068
    [ $# -gt 0 ] && meson configure build $@ >/dev/null
  else
    # shellcheck disable=SC2068
    meson setup build $@
  fi
  meson compile -C build
}
