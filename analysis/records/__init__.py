"""Stage 3, records: the stored figures read, validated, typed, joined and combined.

`load` reads and validates the records files, `store` appends candidates without touching
reviewed rows, `schemas` declares every field once, `cache` keeps validated tables,
`consistency` finds figures that disagree, `figures` combines records into one figure per key.
"""
