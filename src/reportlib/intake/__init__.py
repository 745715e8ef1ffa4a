"""Intake: reading, mapping, typing and checking the input tables.

The data contract, export readers, mapping profiles, typing and quarantine, and the Great
Expectations gate.
"""
