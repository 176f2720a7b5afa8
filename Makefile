# Thin aliases; see README.md.
CARGO ?= cargo

.PHONY: run test bench bench-scale corpus fmt lint

run:
	$(CARGO) run --release --quiet -- run corpus --out out

test:
	$(CARGO) test --workspace

bench:
	$(CARGO) bench -p yusuan --bench pipeline

bench-scale:
	bash scripts/bench_scale.sh

corpus:
	python3 -m pip install --quiet -r scripts/requirements.txt
	python3 scripts/gen_corpus.py
	python3 scripts/gen_pdf_corpus.py
	python3 scripts/gen_doc_corpus.py
	python3 scripts/gen_regional_corpus.py
	python3 scripts/gen_findings_corpus.py

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings
