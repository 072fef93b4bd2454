"""Issue 15: every window audited through Qt's own accessibility interfaces."""
