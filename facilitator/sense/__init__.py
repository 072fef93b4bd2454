"""Making sense of many notes: fuzzy theme matching, search queries, similar notes and
suggested themes. Nothing here is imported at start-up; the heavy parts (numpy, the
embedding model) load only when a feature that needs them is first used."""
