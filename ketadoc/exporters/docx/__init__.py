"""DOCX export: an editable Word document built with python-docx on the styles of a
reference document (``templates/docx/reference.docx``).

python-docx is imported only by the submodules, when a document is actually built, so
importing this package stays cheap for commands that never write DOCX.
"""
