"""The library's migrations, one module per migration, numbered (``m0001_core`` is
``0001_core``). ``facilitator.store.schema`` registers each, in order, with a static import
of its module, so a frozen bundle finds every one without being told."""
