# Leg-cramp assistant. `make chat` talks to it in the terminal; `make test` runs every check. Both set up first.
SHELL := /bin/bash
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/legs.tar.gz
TRAINING_INPUTS := config.yml domain.yml tests/real_messages/dev.yml $(shell find data bot/language bot/rasa_plugins/nlu -name '*.yml' -o -name '*.py' 2>/dev/null) \
	build/spacy/en_legs.fingerprint

.DEFAULT_GOAL := help
.PHONY: help setup browser services check train chat serve forget load replicas bench-replicas test test-fast lint types validate eval bench lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

setup: ## create .venv from requirements.lock and build the spaCy pipeline (quick when done before)
	@bash scripts/setup.sh

browser: ## install Debian's chromium for the browser test (skipped with a message where that is impossible)
	@bash scripts/install_debian_packages.sh "the browser test" chromium

services: ## install Debian's PostgreSQL and Redis for the two-replica test (the tests start their own servers)
	@bash scripts/install_debian_packages.sh "the production-profile (two replicas) test" postgresql redis-server

check: setup ## validate the knowledge files and settings
	@$(PY) -m bot.serving.check


$(MODEL): $(TRAINING_INPUTS)
	@bash scripts/train.sh

train: check $(MODEL) ## train the Rasa model when data, config or the NLU code changed

chat: train ## talk to the assistant in the terminal (starts and stops the action server)
	@bash scripts/chat.sh

serve: train ## serve the chat page, REST, socket.io and (if configured in .env) Telegram; Ctrl-C stops all
	@$(PY) -m bot.serving.serve

forget: setup ## delete one person's conversation from the tracker store: make forget SENDER=<sender id>
	@test -n "$(SENDER)" || { echo "forget: say whose conversation: make forget SENDER=<sender id>" >&2; exit 2; }
	@$(PY) -m bot.serving.forget "$(SENDER)" $${ENDPOINTS:+--endpoints "$$ENDPOINTS"}

lint: setup ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: setup ## mypy strict on the core modules
	$(VENV)/bin/mypy

validate: setup ## rasa data validate
	$(RASA) data validate --quiet

replicas: train services ## the production profile: PostgreSQL, Redis, two replicas, outages (also in make test)
	$(PY) -m pytest tests/replicas

test: lint types validate train browser services ## every check: lint, types, data validation, training and all tests
	$(PY) -m pytest -n 2 --dist loadgroup

# test_intent_from_findings tests a Rasa component and imports Rasa when collected (8 s); make test runs it
test-fast: lint ## lint and the tests that need no Rasa (knowledge, engine, matcher, actions, layout): under 30 s
	$(PY) -m pytest -q -m "not rasa" --ignore=tests/nlu/test_intent_from_findings.py

eval: train ## held-out NLU scores with a confusion matrix, vignette triage, published comparison (reports/)
	$(PY) scripts/evaluate.py

bench: train ## engine speed, then ours vs Rasa's starter bot: latency, throughput, memory, start-up, training
	$(PY) -m pytest benchmarks --benchmark-enable --benchmark-only
	$(PY) -m benchmarks.compare_starter

bench-replicas: train services ## the production profile's throughput, one replica against two (PostgreSQL, Redis)
	$(PY) -m benchmarks.replicas

load: train ## 50 conversations x 20 messages at once over REST: errors, cross-talk, latency percentiles
	$(PY) -m benchmarks.load_test

lock: ## regenerate requirements.lock from requirements.in
	bash scripts/lock.sh

clean: ## remove the trained model and build outputs (keeps .venv)
	rm -rf models build .pytest_cache .mypy_cache .ruff_cache
