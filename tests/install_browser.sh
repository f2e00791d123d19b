#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for tests/test_html_report.py, which opens the HTML report in it.
# Run by .ci/run before pytest; does nothing when /usr/bin/chromium is already there, so reruns are cheap.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo -n"
    else
        echo "install_browser.sh: not root and no sudo; the HTML report test will be skipped" >&2
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
