"""Forms of the national cluster, one module per topic."""
