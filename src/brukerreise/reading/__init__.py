"""The reading front end, in one direction: YAML source → structuring (with salvage) → loading → validation.
Nothing here imports the analysis or an exporter."""
