"""Models: the typed shape of content.yaml, clinic.yaml, translations and a patient; they never read files."""
