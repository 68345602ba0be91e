"""Development tools, kept out of the installed package: the benchmark
(``make bench``), the fuzzing (``make fuzz``), the load test (``make loadtest``)
and the server helper they share with the tests. Run from the repository root
(``python -m tools.bench``), with the development extras installed.
"""
