"""Fuzzing the loaders, the evaluator and the command with mutated copies of the shipped files.

``mutate`` makes inputs (text, byte and data mutations of the rulebook, the
example ledgers and the cases file); ``harness`` runs one input through a
target and classifies what happened. ``tests/test_fuzz.py`` runs a short
campaign under hypothesis; ``scripts/fuzz_campaign.py`` runs the long one.
"""
