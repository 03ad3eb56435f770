"""What the rendered formats (pdf, docx, html) share: labels, dates, references."""
