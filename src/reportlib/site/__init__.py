"""The published site: report pages, the index, page templates and the provenance footer."""
