"""Stage 1, sources: the bundled articles (text in `data/articles/`) and the cited sources.

Everything later traces a figure back to a source defined here.
"""
