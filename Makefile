# CCHC — two commands on a fresh clone: `make demo` and `make test` (README "Bắt đầu nhanh").
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
APT_PACKAGES := chromium gettext fonts-liberation2 fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
PYTEST_ARGS ?=

.PHONY: help deps venv demo demo-data demo-fresh serve checks test test-redis lint bench messages clean

help:
	@echo "make demo   - cài đặt, tạo CSDL SQLite, nạp dữ liệu mẫu Vũng Tàu (12 tháng gần nhất), chạy máy chủ web và tiến trình nền tại http://$(HOST):$(PORT)"
	@echo "make demo-fresh - như make demo, nhưng xoá CSDL trình diễn cũ để dữ liệu tính đến hôm nay"
	@echo "make test   - cài đặt công cụ kiểm thử và chạy toàn bộ bộ kiểm thử (kể cả Chromium)"
	@echo "make test-redis - chạy lại các kiểm thử bộ nhớ đệm, giới hạn truy cập, khoá đăng nhập trên Redis"
	@echo "make lint   - ruff + mypy + các tầng mã (import-linter)"
	@echo "make messages - gom chuỗi giao diện vào bản dịch tiếng Anh (cchc/locale) rồi biên dịch (docs/translating.md)"
	@echo "make bench  - đo hiệu năng (bench/), ghi kết quả vào docs/benchmarks.md bằng tay"

# OS packages, installed only when missing (dpkg -s guard: apt-get install would upgrade what is there).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Cài gói hệ điều hành:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(BIN)/python:
	"$$(scripts/find-python.sh)" -m venv $(VENV)
	$(BIN)/pip install -q -U pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	$(BIN)/pip install -q -c constraints.txt -r requirements-dev.txt
	$(BIN)/pip install -q -c constraints.txt --no-deps -e .
	touch $@

venv: $(VENV)/.installed

demo-data: venv
	mkdir -p var
	CCHC_DEMO=1 $(BIN)/cchc migrate --noinput
	CCHC_DEMO=1 $(BIN)/cchc load-demo

# The web server and the background worker together; Ctrl-C stops both (scripts/demo-serve.sh).
demo: demo-data
	@CCHC_DEMO=1 $(BIN)/cchc demo-logins --url http://$(HOST):$(PORT)/
	@scripts/demo-serve.sh $(BIN) $(HOST):$(PORT)

# The demo dates its records from the day it is first loaded; a new database moves it to today.
demo-fresh:
	rm -f var/cchc.sqlite3 var/cchc.sqlite3-wal var/cchc.sqlite3-shm
	$(MAKE) demo

serve: venv
	@scripts/demo-serve.sh $(BIN) $(HOST):$(PORT)

# Django's system checks and the missing-migration check; `make test` runs them before the suite. CI runs
# them once, in its lint job, and its test jobs pass CHECKS=0 (docs/testing.md).
CHECKS ?= 1
checks: venv
	CCHC_TESTING=1 $(BIN)/cchc check --fail-level WARNING
	CCHC_TESTING=1 $(BIN)/cchc makemigrations --check --dry-run

test: deps venv $(if $(filter 0,$(CHECKS)),,checks)
	CCHC_TESTING=1 $(BIN)/pytest $(PYTEST_ARGS)

# The English catalogue: collect every marked string into django.po (msgids are the Vietnamese text),
# then compile django.mo, which is committed so that a clone serves English without GNU gettext
# (docs/translating.md). Both need msgfmt/xgettext from the gettext package (make deps).
LOCALE_EN := cchc/locale/en/LC_MESSAGES
messages: deps venv
	CCHC_TESTING=1 $(BIN)/cchc makemessages -l en --no-location --no-obsolete --no-wrap -i '$(VENV)/*' -i 'var/*' -i 'build/*' -i 'examples/*' -i 'bench/*'
	msgfmt --check -o $(LOCALE_EN)/django.mo $(LOCALE_EN)/django.po

# The cache, rate-limit and lockout tests once more on Redis (REDIS_URL), as several app servers run.
# A database number of its own; the tests' cache.clear() flushes it (FLUSHDB on that number only).
REDIS_TEST_URL ?= redis://127.0.0.1:6379/13
REDIS_TESTS := cchc/core/tests/test_deploy_check_fails_when_redis_url_is_unusable.py \
	cchc/dossiers/tests/test_public_dossier_lookup.py \
	cchc/dossiers/tests/test_screens_league_tables.py \
	cchc/feedback/tests/test_anti_spam_without_internet.py \
	cchc/portal/tests/feedback/test_public_form_intake.py \
	cchc/portal/tests/surveys/test_public_link_without_login.py \
	cchc/accounts/tests/test_lockout.py \
	cchc/accounts/tests/test_lockout_per_address.py \
	cchc/accounts/tests/test_password_reset.py \
	cchc/accounts/tests/test_password_reset_mail_leaves_from_the_worker_within_limits.py \
	cchc/portal/tests/feedback/test_the_form_stamp_is_signed_and_single_use.py

test-redis: venv
	REDIS_URL=$(REDIS_TEST_URL) CCHC_TESTING=1 $(BIN)/cchc check --deploy --tag caches
	REDIS_URL=$(REDIS_TEST_URL) CCHC_TESTING=1 $(BIN)/pytest -p no:xdist $(PYTEST_ARGS) $(REDIS_TESTS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	CCHC_TESTING=1 $(BIN)/mypy cchc bench
	$(BIN)/lint-imports

bench: deps venv
	$(BIN)/pip install -q -r requirements-bench.txt
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/*.sqlite3* test-results
