"""Making sense of many notes: the theme picker, search, similar notes and suggested themes."""
