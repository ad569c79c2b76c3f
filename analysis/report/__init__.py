"""Reports: notebooks run in a fresh kernel, rendered to PDF (nbconvert HTML + WeasyPrint)."""
