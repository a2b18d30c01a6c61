# Two entry points: `make demo` and `make test`. Both create .venv on first use and
# reuse it afterwards (the stamp file records that the install finished).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.mmgl-installed
TORCH_VERSION ?= 2.13.0
WORK_DIR ?= work_dirs/demo

.PHONY: install demo test clean

$(STAMP): setup.py requirements/runtime.txt requirements/mmaction.txt requirements/analysis.txt requirements/tests.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@# keep an existing torch (e.g. a CUDA build); otherwise take exactly the pinned CPU wheel
	$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install -q torch==$(TORCH_VERSION)
	$(PY) -m pip install -q -r requirements/runtime.txt -r requirements/analysis.txt -r requirements/tests.txt
	$(PY) -m pip install -q --no-deps -r requirements/mmaction.txt
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) tools/demo.py --work-dir $(WORK_DIR)

test: $(STAMP)
	$(PY) -m pytest -q tests

clean:
	rm -rf $(VENV) work_dirs .pytest_cache
