#!/usr/bin/env bash
# Builds the test Plone 6.2 (plone.restapi, plone.app.multilingual) in its own virtualenv
# under ${ENKANAL_PLONE_HOME:-$HOME/.cache/enkanal-plone} and creates the site "Plone"
# with Swedish test content (tests/plone/create_site.py). Idempotent: a second call reuses
# the virtualenv, the instance and the site and takes a few seconds.
#
# The admin password comes from ENKANAL_PLONE_PASSWORD, else one is generated once and
# kept in $ENKANAL_PLONE_HOME/credentials (mode 600), which run_plone.sh reads.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PLONE_HOME="${ENKANAL_PLONE_HOME:-$HOME/.cache/enkanal-plone}"
VENV="$PLONE_HOME/venv"
INSTANCE="$PLONE_HOME/instance"
# Versions known to work together (Plone 6.2.2 needs the plone.app.layout pin).
PLONE_VERSION="${ENKANAL_PLONE_VERSION:-6.2.2}"
RESTAPI_VERSION="${ENKANAL_PLONE_RESTAPI_VERSION:-10.0.4}"

find_python() {
  # Plone 6.2 supports Python 3.10–3.13; prefer a 3.12 or 3.11 that has venv.
  for candidate in "${ENKANAL_PLONE_PYTHON:-}" python3.12 python3.11 \
      /root/.pyenv/versions/3.12*/bin/python /root/.pyenv/versions/3.11*/bin/python python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys, venv; assert (3, 10) <= sys.version_info[:2] <= (3, 13)' \
        2>/dev/null; then
      command -v "$candidate"
      return
    fi
  done
  echo "setup_plone: no Python 3.10–3.13 with venv found (set ENKANAL_PLONE_PYTHON)" >&2
  exit 1
}

mkdir -p "$PLONE_HOME"
chmod 700 "$PLONE_HOME"

if [ ! -f "$VENV/.complete-$PLONE_VERSION" ]; then
  echo "setup_plone: installing Plone $PLONE_VERSION into $VENV"
  rm -rf "$VENV"
  "$(find_python)" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet "Plone==$PLONE_VERSION" "plone.restapi==$RESTAPI_VERSION" \
    plone.app.multilingual
  "$VENV/bin/pip" install --quiet "plone.app.layout==6.0.2"
  touch "$VENV/.complete-$PLONE_VERSION"
fi

CREDENTIALS="$PLONE_HOME/credentials"
if [ -n "${ENKANAL_PLONE_PASSWORD:-}" ]; then
  PASSWORD="$ENKANAL_PLONE_PASSWORD"
elif [ -f "$CREDENTIALS" ]; then
  PASSWORD="$(sed -n 's/^ENKANAL_PLONE_PASSWORD=//p' "$CREDENTIALS")"
else
  PASSWORD="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(18))')"
fi
USER_NAME="${ENKANAL_PLONE_USER:-admin}"
(umask 077; printf 'ENKANAL_PLONE_USER=%s\nENKANAL_PLONE_PASSWORD=%s\n' "$USER_NAME" "$PASSWORD" \
  >"$CREDENTIALS")

if [ ! -f "$INSTANCE/etc/zope.conf" ]; then
  echo "setup_plone: creating the WSGI instance in $INSTANCE"
  "$VENV/bin/mkwsgiinstance" -u "$USER_NAME:$PASSWORD" -d "$INSTANCE" >/dev/null
  # Blobs (files and images) need a blob storage, which mkwsgiinstance leaves out.
  cat >"$INSTANCE/etc/zope.conf" <<CONF
%define INSTANCE $INSTANCE
instancehome \$INSTANCE
<zodb_db main>
  <blobstorage>
    blob-dir \$INSTANCE/var/blobstorage
    <filestorage>
      path \$INSTANCE/var/Data.fs
    </filestorage>
  </blobstorage>
  mount-point /
  cache-size 100000
</zodb_db>
<environment>
  CHAMELEON_CACHE \$INSTANCE/var/cache
</environment>
<dos_protection>
</dos_protection>
CONF
fi

# The version of the test content: a change to create_site.py that adds items bumps it,
# and a cached instance is topped up (create_site.py keeps what exists).
CONTENT_VERSION=2
if [ ! -f "$INSTANCE/var/.site-content-$CONTENT_VERSION" ]; then
  echo "setup_plone: creating the site and its test content (version $CONTENT_VERSION)"
  (cd "$INSTANCE" && ENKANAL_PLONE_USER="$USER_NAME" ENKANAL_PLONE_PASSWORD="$PASSWORD" \
    "$VENV/bin/zconsole" run etc/zope.conf "$HERE/create_site.py")
  touch "$INSTANCE/var/.site-content-$CONTENT_VERSION"
fi
echo "setup_plone: ready ($INSTANCE)"
