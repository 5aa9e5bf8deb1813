"""Development tools, outside the runtime package: vignette and real-message runners, NLU evaluation and the
reading grade. Tests, `make eval` and the benchmarks use them; nothing in `bot/` or `actions/` imports them."""
