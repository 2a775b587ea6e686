#!/usr/bin/env bash
# The demo's two processes in one command: the background worker (large imports, reminders) and the web
# server. Ctrl-C stops both; if either stops on its own, the other is stopped too.
# Usage: scripts/demo-serve.sh [BIN [HOST:PORT]]  (the Makefile's `make demo` and `make serve` call it)
set -u
BIN=${1:-.venv/bin}
ADDR=${2:-127.0.0.1:8000}
# DEBUG stays off, as in production: people see the Vietnamese error pages, not Django's debug pages;
# --insecure lets the development server serve the static files all the same.
export CCHC_DEMO=${CCHC_DEMO:-1} DEBUG=${DEBUG:-0}

"$BIN/cchc" db_worker &
worker=$!
"$BIN/cchc" runserver --insecure "$ADDR" &
server=$!

stop() {
  trap - INT TERM EXIT
  kill "$worker" "$server" 2>/dev/null
  wait "$worker" "$server" 2>/dev/null
  echo "Đã dừng máy chủ web và tiến trình nền."
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

echo "Tiến trình nền (nhập tệp lớn, nhắc hạn) đang chạy cùng máy chủ web; Ctrl-C để dừng cả hai."
# Whichever ends first (a crash, or Ctrl-C) ends the demo.
wait -n "$worker" "$server"
