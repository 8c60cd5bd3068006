"""Load: YAML files with positions -> typed models, every problem at once."""
