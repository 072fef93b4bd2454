"""Workshop Facilitator's domain: models, store, formats, reports, import/export.

Nothing in this package imports Qt; it runs and is tested headless.
"""

__version__ = "0.1.0"
APP_NAME = "Workshop Facilitator"
ORG_NAME = "Workshop Facilitator"
