"""The quality pages, one module per topic: comparisons, imports and codes, downloads."""
