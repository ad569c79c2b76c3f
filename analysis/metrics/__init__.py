"""Stage 4, metrics over loaded records, one module per domain; notebooks call them."""
