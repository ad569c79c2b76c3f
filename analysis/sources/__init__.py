"""Stage 1, sources: the bundled articles (text in `data/articles/`) and the cited sources.

Everything later traces a figure back to a source defined here. `ingest` brings new ones in:
`fetch` (addresses), `readers` (web pages, PDF, Word, text to text), `ingest` (store, register).
"""
