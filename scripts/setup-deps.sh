#!/usr/bin/env bash
# Installs every Debian 12 package Ekimachi needs to build, run and test.
# Idempotent: returns quickly when everything is already present.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libxkbcommon-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n libgl1-mesa-dev libqt6svg6 qt6-qpa-plugins
  libgdal-dev gdal-bin libproj-dev proj-bin proj-data
  libeigen3-dev libsqlite3-dev sqlite3 libboost-graph-dev zlib1g-dev nlohmann-json3-dev
  coinor-libcbc-dev libhdf5-dev libxgboost-dev libcurl4-openssl-dev libssl-dev poppler-utils
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  python3 python3-networkx python3-pyproj python3-gdal python3-h5py
  fonts-noto-cjk xvfb xauth
  help2man lintian desktop-file-utils appstream fakeroot
  libpq-dev postgresql-15 postgresql-15-postgis-3
  clang-14 libfuzzer-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "setup-deps: installing ${#missing[@]} packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
