"""The pieces of a batch build: slug planning, incremental state and console reports.

The public entry point is :func:`ketadoc.build_many`; these modules are its parts.
"""
