"""Widgets and models used by the Overview and Briefings pages."""
