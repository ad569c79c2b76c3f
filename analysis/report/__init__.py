"""Stage 5, what a reader sees: labels, number formats, tables and charts for the notebooks,
and the report build that runs them in a fresh kernel and renders PDFs (nbconvert HTML +
WeasyPrint)."""
