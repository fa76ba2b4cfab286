"""Workflows of the quality app, one module per topic: service codes, imports, measures, goals from measures."""
