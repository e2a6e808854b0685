#!/usr/bin/env bash
# Starts or stops the test Plone built by setup_plone.sh.
#   run_plone.sh start [PORT]   starts it in the background (PORT, else a free one), waits
#                               until @site answers and prints the lines to `eval`:
#                               ENKANAL_PLONE_URL, ENKANAL_PLONE_USER, ENKANAL_PLONE_PASSWORD
#   run_plone.sh stop           stops the instance started by `start`
# ENKANAL_PLONE_INSTANCE picks another instance (the benchmark has its own).
set -euo pipefail
PLONE_HOME="${ENKANAL_PLONE_HOME:-$HOME/.cache/enkanal-plone}"
VENV="$PLONE_HOME/venv"
INSTANCE="${ENKANAL_PLONE_INSTANCE:-$PLONE_HOME/instance}"
PIDFILE="$INSTANCE/var/runwsgi.pid"
SITE_ID="${ENKANAL_PLONE_SITE_ID:-Plone}"

case "${1:-}" in
  start)
    if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      echo "run_plone: already running (pid $(cat "$PIDFILE"))" >&2
      exit 1
    fi
    PORT="${2:-$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
    # One ini per port; no access log (it costs time under the benchmark's load).
    INI="$INSTANCE/etc/enkanal-$PORT.ini"
    cat >"$INI" <<INI
[app:zope]
use = egg:Zope#main
zope_conf = $INSTANCE/etc/zope.conf

[server:main]
use = egg:waitress#main
host = 127.0.0.1
port = $PORT
threads = 4

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    zope

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARNING
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = WARNING
formatter = generic

[formatter_generic]
format = %(asctime)s %(levelname)s [%(name)s] %(message)s
INI
    "$VENV/bin/runwsgi" "$INI" >"$INSTANCE/var/runwsgi.log" 2>&1 &
    echo $! >"$PIDFILE"
    URL="http://127.0.0.1:$PORT/$SITE_ID"
    for _ in $(seq 1 120); do
      if "$VENV/bin/python" - "$URL" <<'PY' 2>/dev/null; then
import sys, urllib.request
request = urllib.request.Request(sys.argv[1] + "/@site", headers={"Accept": "application/json"})
urllib.request.urlopen(request, timeout=2).read()
PY
        # shellcheck disable=SC1091
        . "$PLONE_HOME/credentials"
        echo "export ENKANAL_PLONE_URL=$URL"
        echo "export ENKANAL_PLONE_USER=$ENKANAL_PLONE_USER"
        echo "export ENKANAL_PLONE_PASSWORD=$ENKANAL_PLONE_PASSWORD"
        exit 0
      fi
      if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
        echo "run_plone: Plone exited; see $INSTANCE/var/runwsgi.log" >&2
        tail -20 "$INSTANCE/var/runwsgi.log" >&2
        exit 1
      fi
      sleep 1
    done
    echo "run_plone: Plone did not answer on $URL within 120 s" >&2
    exit 1
    ;;
  stop)
    if [ -f "$PIDFILE" ]; then
      PID="$(cat "$PIDFILE")"
      if kill "$PID" 2>/dev/null; then
        for _ in $(seq 1 20); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
      fi
      rm -f "$PIDFILE"
    fi
    ;;
  *)
    echo "usage: run_plone.sh start [PORT] | stop" >&2
    exit 2
    ;;
esac
