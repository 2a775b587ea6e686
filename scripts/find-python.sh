#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter. Django 6 needs it; on these machines the
# default python3 is 3.11 and 3.12 lives under pyenv, whose shims refuse to run it, so look there directly.
set -u
ok() { "$1" -c 'import sys, venv, ssl, sqlite3; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for cand in "${PYTHON:-}" python3.12 python3.13 python3.14 python3; do
  [[ -z "$cand" ]] && continue
  p=$(command -v "$cand" 2>/dev/null) || continue
  if ok "$p"; then echo "$p"; exit 0; fi
done
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for p in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V) /usr/bin/python3.12 /usr/bin/python3.13; do
  if [[ -x "$p" ]] && ok "$p"; then echo "$p"; exit 0; fi
done
echo "Không tìm thấy Python >= 3.12 (cần cho Django 6). Cài python3.12 rồi chạy lại." >&2
exit 1
