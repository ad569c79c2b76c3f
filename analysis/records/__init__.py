"""Stage 3, records: the stored figures read, validated, typed, joined and combined.

`load` reads and validates the records files (what people wrote) and the candidates (what the
extractor wrote), `reviews` reads people's decisions on candidates and applies them, `store`
appends candidates and refuses files people edit, `schemas` declares every field and rule once,
`cache` keeps validated tables, `consistency` finds figures that disagree, `citations` counts a
figure several sources state once, `figures` combines records into one figure per key,
`periods` parses period codes and orders them in time, `wide` lays records out one row per
place and period, `export` writes them for spreadsheets and Parquet, `validate` checks all data
at once.
"""
