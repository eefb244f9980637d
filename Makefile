# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,ray,llm,hf]'
	$(BIN)/python -c 'import arclab.search, arclab.dsl; arclab.dsl.warm_kernels()'  # numba compiles the DSL's and the search's kernels once, into its cache
	touch $(STAMP)

# The main job: the synth solver on ARC-AGI-1 evaluation, 10 s a task (about half an hour on 2 cores;
# interrupted, the same command resumes where it stopped).
run: $(STAMP)
	$(BIN)/arclab eval arc-agi-1/evaluation --solver synth --time-limit 10 --out runs/synth-arc-agi-1-evaluation

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) runs
