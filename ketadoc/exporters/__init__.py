"""Exporters: one small module per format, registered by entry point."""
