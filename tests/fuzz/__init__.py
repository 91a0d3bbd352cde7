"""Fuzzing the loaders, the evaluator, the command and its outputs with mutated copies of the shipped files.

``mutate`` makes inputs (text, byte and data mutations of the rulebooks, the
example ledgers and the cases files); ``harness`` runs one input through a
target and classifies what happened; ``outputs`` holds hostile text for the
outputs and the oracles that parse every output back; ``scale`` writes big
rulebooks for the work bounds. ``tests/test_fuzz.py`` runs a short campaign
under hypothesis; ``scripts/fuzz_campaign.py`` runs the long one. (The
``sheets_*`` modules fuzz spreadsheets: ``scripts/fuzz_sheets.py``.)
"""
