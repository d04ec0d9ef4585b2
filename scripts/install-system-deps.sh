#!/usr/bin/env bash
# Installs the system packages the certificate documents need, only when they are missing:
#   chromium         headless browser that prints the handlebars documents to PDF and runs the browser tests
#                    in test/browser (puppeteer-core drives it; never a browser downloaded from npm)
#   fonts-noto-core  Noto Sans / Noto Naskh Arabic for English, Russian and Persian text (documents and pages)
#   poppler-utils    pdftotext, pdftoppm, pdfinfo (the document tests read the PDFs back)
# Idempotent and quiet when everything is there; needs root (or sudo) only when it has to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-noto-core)
{ command -v pdftotext && command -v pdftoppm && command -v pdfinfo; } >/dev/null 2>&1 || missing+=(poppler-utils)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-system-deps: chromium, fonts-noto-core and poppler-utils are present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: missing ${missing[*]} and apt-get is not available; install them by hand" >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "install-system-deps: missing ${missing[*]}; run as root or install sudo" >&2
    exit 1
  fi
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
