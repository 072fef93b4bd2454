"""dmgbuild settings: wrap dist/WorkshopFacilitator.app in a drag-to-Applications disk image.

Build on a Mac, after ``python packaging/build.py`` has made the .app::

    python -m pip install dmgbuild==1.6.7
    dmgbuild -s packaging/macos/dmg_settings.py \\
        -D app=dist/WorkshopFacilitator.app "Workshop Facilitator" \\
        dist/WorkshopFacilitator-0.1.0.dmg

See packaging/macos/README-app.md for signing and notarising. dmgbuild runs this
file with ``defines`` set from the ``-D`` options.
"""

# ruff: noqa: F821 - dmgbuild provides ``defines`` when it executes this file
import os.path

application = defines.get("app", "dist/WorkshopFacilitator.app")
appname = os.path.basename(application)

# The image: compressed, read-only, with the app and a shortcut to /Applications.
format = defines.get("format", "UDZO")
filesystem = "HFS+"
size = None  # let dmgbuild work it out from the app's size
files = [application]
symlinks = {"Applications": "/Applications"}
hide_extension = [appname]

# The Finder window a user sees on opening the image: drag the app onto Applications.
icon_locations = {appname: (140, 160), "Applications": (420, 160)}
background = "builtin-arrow"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 120), (560, 340))
default_view = "icon-view"
show_icon_preview = False
arrange_by = None
icon_size = 96
text_size = 13
license = None
