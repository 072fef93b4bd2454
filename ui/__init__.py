"""Qt widgets, item models and undo commands over the ``facilitator`` domain."""
