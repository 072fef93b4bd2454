"""Notes and dot-votes from participants' phones over the hall's own Wi-Fi (issue 14).

``gate`` is the whole policy (join codes, sessions and tokens, rate limits, size limits,
the moderation queue, votes) in plain Python, with no Qt and no store: it is tested
headless; ``values`` holds what it deals in (codes, limits, refusals, the note, step and
voting a phone sees). ``server`` is a thin adapter from HTTP to the gate over the standard library's
``http.server``; it is imported only when the facilitator turns Phones on, so it adds
nothing to start-up. Notes reach the library only through the run window, which takes
them from the gate's queue on the GUI thread and adds them with the same undo command as
typed notes: the server never touches the store.
"""
