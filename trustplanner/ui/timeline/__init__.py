"""The timeline (Gantt) view: time scale, row layout, scene items, frozen panes and PNG export.

``scale`` and ``layout`` are plain Python (dates and numbers) so they can be tested without a
window; the other modules paint what they describe.
"""
