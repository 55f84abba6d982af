"""The Staff page's parts: table model, charts, summary, import preview and its undoable command."""
