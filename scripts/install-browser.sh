#!/bin/sh
# The UI tests drive Debian's Chromium through playwright-core (Playwright's own
# browser download cannot run offline). Installs it when missing; needs root or sudo.
set -e
[ -x /usr/bin/chromium ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
