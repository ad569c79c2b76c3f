"""Analysis functions over loaded records, one module per domain; notebooks call them."""
